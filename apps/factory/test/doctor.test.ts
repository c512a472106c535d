import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../tooling/testing/throwaway-servers';
import { scaled } from '../../../tooling/testing/time-scale';
import { freshDir, runCli } from './run-cli';

/** Needs no server: a loopback port nothing listens on is what "Redis is down" looks like. */
describe('factory doctor with a back end down', () => {
  const cwd = freshDir('doctor');
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('prints one line per check and names Redis in one line, exits 6, never hangs', {
    timeout: scaled(120_000),
  }, async () => {
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const result = await runCli(['doctor'], { cwd, env: { REDIS_URL: redisUrl }, timeoutMs: 90_000 });
    expect(result.code).toBe(6);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('mode: embedded store, shared queue');
    for (const line of lines.slice(1)) expect(line).toMatch(/^(ok {2}|WARN|FAIL|SKIP) [\w ]+: /);
    expect(lines.filter((l) => l.includes('redis'))).toEqual([
      `FAIL redis: unreachable at ${redisUrl} (ECONNREFUSED) — start it or unset REDIS_URL.`,
    ]);
    expect(result.stderr).not.toMatch(/\[ioredis\]|\n\s+at /);
  });

  it('labels PostgreSQL alone as a shared store with an in-process queue, and exits 6 when it is down', {
    timeout: scaled(120_000),
  }, async () => {
    const databaseUrl = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const result = await runCli(['--json', 'doctor'], {
      cwd,
      env: { DATABASE_URL: databaseUrl },
      timeoutMs: 90_000,
    });
    expect(result.code).toBe(6);
    const report = JSON.parse(result.stdout) as {
      mode: string;
      checks: Array<{ name: string; state: string; detail: string }>;
    };
    expect(report.mode).toBe('shared store, in-process queue');
    expect(report.checks[0]).toMatchObject({
      name: 'postgres',
      state: 'fail',
      detail: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});
