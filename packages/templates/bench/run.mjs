// Render time of each shipped template (cookiecutter render + spec-driven generators + safe write)
// against a plain recursive copy (fs.cp) of the same template tree, measured in the same run.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceAllocation, StartupConfig } from '@startup-factory/contracts';
import { Bench } from 'tinybench';
import { benchResult, writeBenchResults } from '../../../tooling/bench/bench-result.mjs';
import { defaultTemplatesDir, TemplateManager } from '../dist/index.js';

const root = await mkdtemp(join(tmpdir(), 'sf-templates-bench-'));
const manager = new TemplateManager({ outputDir: join(root, 'out') });
const config = StartupConfig.parse({ name: 'Bench Co', industry: 'Software', category: 'Tools' });
const allocation = ResourceAllocation.parse({
  startupId: 'bench',
  memoryMb: 512,
  cpuCores: 1,
  storageGb: 1,
  ports: [3917],
  databaseNamespace: 'startup_bench',
  apiQuota: {},
  allocatedAt: new Date(0),
});

const rows = [];
try {
  for (const name of ['reactnext', 'vuenuxt', 'fluttermobile']) {
    let copies = 0;
    const bench = new Bench({ time: 300, iterations: 12, warmupIterations: 2, warmupTime: 0 });
    bench
      .add(`render ${name}`, async () => {
        await manager.createFromTemplate(name, config, allocation, { projectSlug: name, overwrite: true });
      })
      .add(`fs.cp ${name}`, async () => {
        const target = join(root, 'copies', `${name}-${copies++}`);
        await cp(join(defaultTemplatesDir(), name), target, { recursive: true });
        await rm(target, { recursive: true, force: true });
      });
    await bench.run();
    const [render, copy] = bench.tasks.map((t) => t.result.latency.mean);
    rows.push(
      benchResult({
        name: `templates: ${name} render vs plain copy`,
        metric: 'mean time per project',
        unit: 'ms',
        value: render,
        baseline: copy,
        // Rendering every file, generating code and swapping a staged folder into place may cost
        // many copies; it must stay far below the seconds an npm install takes.
        goal: { maxRatio: 10 },
        note: `render ${render.toFixed(1)} ms, fs.cp ${copy.toFixed(1)} ms`,
      }),
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
writeBenchResults(new URL('..', import.meta.url).pathname, rows);
