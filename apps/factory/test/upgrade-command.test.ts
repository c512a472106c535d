import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDir, runCli } from './run-cli';

describe('factory upgrade and factory templates on the command line', () => {
  const cwd = freshDir('upgrade');
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('lists each template with its version', async () => {
    const result = await runCli(['templates'], { cwd, timeoutMs: 90_000 });
    expect(result.code).toBe(0);
    const reactnext = result.stdout.split('\n').find((l) => l.startsWith('reactnext'));
    expect(reactnext).toMatch(/^reactnext\s+\d+\.\d+\.\d+\s+nextjs\s/);
  }, 120_000);

  it('exits 2 naming what to pass when neither startups nor --all are given, before opening the data folder', async () => {
    const empty = freshDir('upgrade-args');
    try {
      for (const args of [['upgrade'], ['upgrade', 'route-mate', '--all']]) {
        const result = await runCli(args, { cwd: empty, timeoutMs: 90_000 });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('--all');
        expect(result.stderr).toContain('[INVALID_CONFIG]');
      }
      expect(existsSync(join(empty, '.factory'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits 3 for a startup that does not exist and 0 with an empty report for --all --dry-run', async () => {
    const missing = await runCli(['upgrade', 'no-such-startup'], { cwd, timeoutMs: 90_000 });
    expect(missing.code).toBe(3);
    const all = await runCli(['--json', 'upgrade', '--all', '--dry-run'], { cwd, timeoutMs: 90_000 });
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual([]);
  }, 180_000);
});
