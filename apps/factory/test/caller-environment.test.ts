import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/factory-config';

/**
 * README's `pnpm test` must give the same results on any machine: a caller's FACTORY_* or
 * provider settings (FACTORY_VALIDATE_PROJECTS=false, an ANTHROPIC_API_KEY) never reach a test.
 * Run as `FACTORY_VALIDATE_PROJECTS=false OPENAI_API_KEY=sk-x pnpm test` to see it hold.
 */
describe("the caller's environment", () => {
  it('holds no setting that changes what the factory does', () => {
    const leaked = Object.keys(process.env).filter((name) =>
      /^FACTORY_(?!PACKAGE_STORE$)|^APP_|_API_KEY$|^(OPENAI|ANTHROPIC|PERPLEXITY|OLLAMA)_/.test(name),
    );
    expect(leaked).toEqual([]);
    // What a test that does not set FACTORY_VALIDATE_PROJECTS gets: the documented default.
    expect(loadConfig({ cwd: process.cwd() }).validateProjects).toBe(true);
  });
});
