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

describe('factory --templates-dir', () => {
  const before = process.env.FACTORY_TEMPLATES_DIR;
  afterEach(() => {
    if (before === undefined) delete process.env.FACTORY_TEMPLATES_DIR;
    else process.env.FACTORY_TEMPLATES_DIR = before;
  });

  it("points every command's config at the user's templates folder", async () => {
    delete process.env.FACTORY_TEMPLATES_DIR;
    let seen: string | undefined;
    const program = buildProgram();
    program.command('probe').action(() => {
      seen = loadConfig({ cwd: '/srv/work' }).templatesDir;
    });
    await program.parseAsync(['node', 'factory', '--templates-dir', 'my-templates', 'probe']);
    expect(seen).toBe('/srv/work/my-templates');
  });
});
