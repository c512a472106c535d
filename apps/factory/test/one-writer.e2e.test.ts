import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { freshDir, portRange, runCli, startCli, waitForOutput } from './run-cli';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('one writer per embedded data folder, two real processes', () => {
  it('refuses `create` and `doctor` while `serve` holds the folder, then takes over once serve is killed', {
    timeout: scaled(600_000),
  }, async () => {
    const cwd = freshDir('one-writer');
    dirs.push(cwd);
    const env = { FACTORY_PORT_RANGE: portRange(41), FACTORY_VALIDATE_PROJECTS: '0' };
    const serve = startCli(['serve', '--port', '0'], { cwd, env });
    const exited = new Promise((resolve) => serve.on('exit', resolve));
    try {
      const line = await waitForOutput(serve, /API (http:\/\/[^ ]+)\/api/, 300_000);
      const api = /API (http:\/\/[^ ]+)\/api/.exec(line)![1]!;

      const create = await runCli(
        ['create', '--name', 'Second Writer', '--industry', 'Retail', '--category', 'Marketplace'],
        { cwd, env },
      );
      // Before: "completed", exit 0, and the startup never reached serve's database.
      expect(create.code, create.stderr).toBe(7);
      expect(create.stderr).toContain(`factory serve (pid ${serve.pid}) holds ${join(cwd, '.factory')}`);
      expect(create.stderr).toContain(`${api}/api`);
      expect(create.stderr).toContain('[DATA_DIR_LOCKED]');
      expect(create.stdout).not.toContain('completed');
      expect(existsSync(join(cwd, '.factory', 'startups', 'second-writer'))).toBe(false);
      const listed = (await (await fetch(`${api}/api/startups`)).json()) as Array<{ slug: string }>;
      expect(listed.map((s) => s.slug)).not.toContain('second-writer');

      // Before: doctor said every check was ok.
      const doctor = await runCli(['doctor'], { cwd, env });
      expect(doctor.code, doctor.stderr).toBe(7);
      expect(doctor.stderr).toContain(`factory serve (pid ${serve.pid})`);

      // The way the refusal points to works: the same startup through serve's API.
      const viaApi = await fetch(`${api}/api/startups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Second Writer', industry: 'Retail', category: 'Marketplace' }),
      });
      expect(viaApi.status).toBe(201);
    } finally {
      serve.kill('SIGKILL');
      await exited;
    }
    // A crash leaves the lock behind; its pid is gone, so the next process takes the folder over.
    expect(existsSync(join(cwd, '.factory', 'writer.lock'))).toBe(true);
    const list = await runCli(['--json', 'list'], { cwd, env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ slug: string }>).map((s) => s.slug)).toContain(
      'second-writer',
    );
    expect(existsSync(join(cwd, '.factory', 'writer.lock'))).toBe(false);
    const doctor = await runCli(['doctor'], { cwd, env });
    expect(doctor.stdout).toMatch(/ok {3}data folder writer: .* one writer, this process \(pid \d+\)/);
  });
});
