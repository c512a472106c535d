import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PHASES } from '@startup-factory/contracts';
import { createStateStore } from '@startup-factory/core';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import type { StartupSummary } from '../src/startup-summary';
import { freshDir, portRange, runCli, startCli, waitForOutput } from './run-cli';

describe('a pipeline killed mid-run', () => {
  const cwd = freshDir('resume');
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('is finished by `factory resume` without losing, duplicating or leaking anything', {
    timeout: scaled(300_000),
  }, async () => {
    const env = { FACTORY_PORT_RANGE: portRange(4), FACTORY_VALIDATE_PROJECTS: 'false' };
    const child = startCli(
      ['create', '--name', 'Crash Test', '--industry', 'Health', '--category', 'B2C app'],
      { cwd, env },
    );
    await waitForOutput(child, /market_research started/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));

    const resumed = await runCli(['--json', 'resume', 'crash-test'], { cwd, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as StartupSummary;
    expect(summary.status).toBe('completed');
    for (const file of [
      'docs/founder-analysis.md',
      'docs/market-research.md',
      'mvp-spec.json',
      'architecture.md',
    ]) {
      expect(existsSync(join(summary.folder, file)), file).toBe(true);
    }

    const store = await createStateStore({ dataDir: join(cwd, '.factory', 'db') });
    try {
      const finished = await store.listEvents({ startupId: summary.id, types: ['phase.finished'] });
      const succeeded = finished
        .filter((e) => e.type === 'phase.finished' && e.outcome !== 'failed')
        .map((e) => e.type === 'phase.finished' && e.phase);
      expect(succeeded).toEqual([...PHASES]);
      const artifacts = await store.listArtifacts(summary.id);
      expect(new Set(artifacts.map((a) => a.path)).size).toBe(artifacts.length);
      const allocated = await store.listEvents({ startupId: summary.id, types: ['resource.allocated'] });
      expect(allocated).toHaveLength(1);
    } finally {
      await store.close();
    }
    const list = JSON.parse((await runCli(['--json', 'list'], { cwd, env })).stdout) as StartupSummary[];
    expect(list).toHaveLength(1);
    expect(list[0]!.ports).toEqual(summary.ports);
  });
});
