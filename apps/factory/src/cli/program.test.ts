import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/factory-config';
import { buildProgram } from './program';

describe('factory --allow-offline-fallback', () => {
  const before = process.env.FACTORY_OFFLINE_FALLBACK;
  afterEach(() => {
    if (before === undefined) delete process.env.FACTORY_OFFLINE_FALLBACK;
    else process.env.FACTORY_OFFLINE_FALLBACK = before;
  });

  it('lets offline drafts stand in for failed providers in the config every command loads', async () => {
    delete process.env.FACTORY_OFFLINE_FALLBACK;
    let seen: boolean | undefined;
    const program = buildProgram();
    program.command('probe').action(() => {
      seen = loadConfig({ cwd: process.cwd() }).ai.offlineFallback;
    });
    await program.parseAsync(['node', 'factory', '--allow-offline-fallback', 'probe']);
    expect(seen).toBe(true);
  });
});
