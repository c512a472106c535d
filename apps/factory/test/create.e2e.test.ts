import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { K8sDeployment } from '@startup-factory/production';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import type { StartupSummary } from '../src/startup-summary';
import { freshDir, portRange, runCli } from './run-cli';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function workspace(name: string): string {
  const dir = freshDir(name);
  dirs.push(dir);
  return dir;
}

describe('factory create on the embedded default', () => {
  it('turns one idea into docs, a valid spec and a generated project that builds and answers its health check', {
    timeout: scaled(900_000),
  }, async () => {
    const cwd = workspace('e2e');
    const result = await runCli(
      [
        '--json',
        'create',
        '--name',
        'Route Mate',
        '--industry',
        'Logistics',
        '--category',
        'B2B SaaS',
        '--template',
        'reactnext',
      ],
      { cwd, env: { FACTORY_PORT_RANGE: portRange(1) } },
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as StartupSummary;
    expect(summary.status).toBe('completed');
    expect(summary.phasesDone).toBe(summary.phaseCount);
    for (const file of [
      'docs/founder-analysis.md',
      'docs/market-research.md',
      'docs/mvp-spec.md',
      'architecture.md',
    ]) {
      expect(existsSync(join(summary.folder, file)), file).toBe(true);
    }
    const spec = MvpSpec.parse(JSON.parse(readFileSync(join(summary.folder, 'mvp-spec.json'), 'utf8')));
    expect(spec.entities.length).toBeGreaterThanOrEqual(3);
    expect(summary.projectDir && existsSync(join(summary.projectDir, 'package.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(summary.folder, 'docs/validation-report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.steps.map((s: { name: string }) => s.name)).toEqual([
      'install',
      'build',
      'test',
      'start',
      'health',
    ]);
    // Healthy means the app wrote and read its own embedded database, not only that it answered.
    expect(report.steps.find((s: { name: string }) => s.name === 'health').detail).toMatch(/"db":"up"/);
    // No provider key was set: the summary says the drafts are offline ones.
    expect(summary.draftedOffline).toEqual(expect.arrayContaining(['founder_analysis', 'mvp_spec']));
    expect(summary.folder.startsWith(join(cwd, '.factory'))).toBe(true);
    // The deploy phase hands the project to the production track: manifests sized by the allocation.
    expect(summary.deploy?.files).toEqual(
      expect.arrayContaining([join('deploy', 'deployment.json'), join('deploy', 'service.json')]),
    );
    const deployment = K8sDeployment.parse(
      JSON.parse(readFileSync(join(summary.projectDir!, 'deploy', 'deployment.json'), 'utf8')),
    );
    expect(deployment.spec.template.spec.containers[0]?.resources.limits.memory).toBe(
      `${summary.memoryMb}Mi`,
    );
  });

  it('names the field of a bad flag and exits 2 without creating anything', async () => {
    const cwd = workspace('bad');
    const result = await runCli(['create', '--name', '../../etc', '--industry', 'X', '--category', 'Y'], {
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/name/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Refused before any side effect: not even the data folder exists.
    expect(existsSync(join(cwd, '.factory'))).toBe(false);
  });
});

describe('factory create --batch', () => {
  const batch = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      name: `Batch Startup ${i + 1}`,
      industry: ['Health', 'Education', 'Fintech', 'Logistics', 'Retail', 'Travel'][i % 6],
      category: 'B2C app',
      template: 'reactnext',
    }));

  it('runs five startups at once with disjoint ports and namespaces; a sixth waits for a slot', {
    timeout: scaled(300_000),
  }, async () => {
    const cwd = workspace('batch');
    writeFileSync(join(cwd, 'startups.json'), JSON.stringify(batch(6)));
    const result = await runCli(['--json', 'create', '--batch', 'startups.json'], {
      cwd,
      env: {
        FACTORY_PORT_RANGE: portRange(2),
        FACTORY_VALIDATE_PROJECTS: 'false',
        FACTORY_MAX_CONCURRENT: '5',
      },
    });
    expect(result.code, result.stderr).toBe(0);
    const summaries = JSON.parse(result.stdout) as StartupSummary[];
    expect(summaries).toHaveLength(6);
    expect(summaries.every((s) => s.status === 'completed')).toBe(true);
    const ports = summaries.flatMap((s) => s.ports);
    expect(new Set(ports).size).toBe(ports.length);
    const namespaces = summaries.map((s) => s.databaseNamespace);
    expect(new Set(namespaces).size).toBe(6);
  });

  it('refuses the sixth with exit 4 under --no-wait while five hold their slots', {
    timeout: scaled(300_000),
  }, async () => {
    const cwd = workspace('limit');
    writeFileSync(
      join(cwd, 'startups.json'),
      JSON.stringify(batch(6).map((s) => ({ ...s, approvalRequired: true }))),
    );
    const result = await runCli(['create', '--batch', 'startups.json', '--no-wait'], {
      cwd,
      env: {
        FACTORY_PORT_RANGE: portRange(3),
        FACTORY_VALIDATE_PROJECTS: 'false',
        FACTORY_MAX_CONCURRENT: '5',
      },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('CONCURRENCY_LIMIT');
    const list = JSON.parse((await runCli(['--json', 'list'], { cwd })).stdout) as StartupSummary[];
    expect(list).toHaveLength(5);
    expect(list.every((s) => s.status === 'awaiting_approval')).toBe(true);
  });
});
