import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { deployedApps, processGroupUsage } from '@startup-factory/production';
import { afterAll, describe, expect, it } from 'vitest';

import type { StartupSummary } from '../src/startup-summary';
import { TINY_SERVER } from './deployable-startup';
import { freshDir, portRange, runCli, startCli } from './run-cli';

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function stdoutJson(child: ChildProcess, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let errors = '';
    child.stderr?.on('data', (c: Buffer) => {
      errors += c.toString();
    });
    const timer = setTimeout(() => reject(new Error(`no deploy output; stderr: ${errors}`)), timeoutMs);
    child.stdout?.on('data', (c: Buffer) => {
      seen += c.toString();
      try {
        const value = JSON.parse(seen) as Record<string, unknown>;
        clearTimeout(timer);
        resolve(value);
      } catch {
        // not complete yet
      }
    });
    child.on('close', () => reject(new Error(`deploy exited; stderr: ${errors}`)));
  });
}

describe('factory deploy / redeploy / logs / stop', () => {
  const cwd = freshDir('deploy');
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('serves a startup behind the proxy and redeploys it under load without a failed request', async () => {
    const env = { FACTORY_PORT_RANGE: portRange(8), FACTORY_VALIDATE_PROJECTS: 'false' };
    const created = await runCli(
      ['--json', 'create', '--name', 'Deploy Test', '--industry', 'Retail', '--category', 'B2B SaaS'],
      { cwd, env },
    );
    expect(created.code, created.stderr).toBe(0);
    const summary = JSON.parse(created.stdout) as StartupSummary;
    expect(summary.projectDir).not.toBeNull();
    const projectDir = summary.projectDir!;
    writeFileSync(
      join(projectDir, 'package.json'),
      JSON.stringify({ name: 'tiny', private: true, scripts: { start: 'node server.mjs' } }),
    );
    writeFileSync(join(projectDir, 'server.mjs'), TINY_SERVER);

    const deploy = startCli(['--json', 'deploy', 'deploy-test'], { cwd, env });
    try {
      const deployed = await stdoutJson(deploy);
      expect(deployed.url).toBe(`http://127.0.0.1:${summary.ports[0]}`);
      const url = `${deployed.url as string}/`;
      expect(await get(url)).toBe(200);

      let running = true;
      const statuses: Array<number | string> = [];
      const loops = Array.from({ length: 3 }, async () => {
        while (running) statuses.push(await get(url).catch((e: Error) => e.message));
      });
      const redeployed = await runCli(['--json', 'redeploy', 'deploy-test'], {
        cwd,
        env,
        timeoutMs: 240_000,
      });
      running = false;
      await Promise.all(loops);
      expect(redeployed.code, redeployed.stderr).toBe(0);
      expect(JSON.parse(redeployed.stdout)).toMatchObject({ activePort: summary.ports[2], generation: 2 });
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(statuses.length).toBeGreaterThan(5);

      const apps = deployedApps(join(cwd, '.factory'));
      expect(apps.map((a) => a.startup)).toEqual(['deploy-test']);
      expect(processGroupUsage(apps[0]!.pgid)?.rssBytes).toBeGreaterThan(1_000_000);

      const logs = await runCli(['logs', 'deploy-test', '-n', '5'], { cwd, env });
      expect(logs.stdout).toContain(`tiny-app listening on ${summary.ports[2]}`);

      const status = await runCli(['--json', 'deployment', 'deploy-test'], { cwd, env });
      expect(JSON.parse(status.stdout)).toMatchObject({
        state: 'running',
        url: deployed.url,
        generation: 2,
        hostPid: deploy.pid,
      });

      const exited = new Promise<number | null>((resolve) => deploy.once('exit', (code) => resolve(code)));
      const stopped = await runCli(['--json', 'stop', 'deploy-test'], { cwd, env });
      expect(stopped.code, stopped.stderr).toBe(0);
      await expect(get(url)).rejects.toThrow();
      // The stopped deployment was all the foreground `deploy` hosted: it ends by itself, cleanly.
      expect(await exited).toBe(0);
      const after = await runCli(['--json', 'deployment', 'deploy-test'], { cwd, env });
      expect(JSON.parse(after.stdout)).toMatchObject({ state: 'stopped', hostPid: null });
      expect(deployedApps(join(cwd, '.factory'))).toEqual([]);
      const again = await runCli(['redeploy', 'deploy-test'], { cwd, env });
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/not deployed/);

      // A deploying process killed outright leaves its app running; `factory stop` still stops it.
      const second = startCli(['--json', 'deploy', 'deploy-test'], { cwd, env });
      await stdoutJson(second);
      second.kill('SIGKILL');
      await new Promise((resolve) => second.once('close', resolve));
      const appHealth = `http://127.0.0.1:${summary.ports[1]}/api/health`;
      expect(await get(appHealth)).toBe(200);
      const orphan = await runCli(['--json', 'deployment', 'deploy-test'], { cwd, env });
      expect(JSON.parse(orphan.stdout)).toMatchObject({ state: 'orphaned' });
      const cleaned = await runCli(['--json', 'stop', 'deploy-test'], { cwd, env });
      expect(cleaned.code, cleaned.stderr).toBe(0);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && (await get(appHealth).catch(() => 0)) === 200) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await expect(get(appHealth)).rejects.toThrow();
    } finally {
      if (deploy.exitCode === null) deploy.kill('SIGTERM');
    }
  }, 240_000);
});
