// Render time of each shipped template, measured in the same run:
// - the built-in renderer (render + spec-driven generators + safe write) against a plain recursive
//   copy (fs.cp) of the same template tree;
// - the cookiecutter engine (Python's cookiecutter through the driver, read back, safe write) against
//   the `cookiecutter --no-input` command itself on the same template, when it is installed;
// - every candidate engine against cookiecutter on the differential cases (engine-candidates.bench.mjs).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ResourceAllocation, StartupConfig } from '@startup-factory/contracts';
import { Bench } from 'tinybench';
import { benchResult, writeBenchResults } from '../../../tooling/bench/bench-result.mjs';
import { defaultTemplatesDir, TemplateManager } from '../dist/index.js';
import { run as runEngineCandidates } from './engine-candidates.bench.mjs';

const root = await mkdtemp(join(tmpdir(), 'sf-templates-bench-'));
const run = promisify(execFile);
const manager = new TemplateManager({ outputDir: join(root, 'out'), engine: 'builtin' });
const viaCookiecutter = new TemplateManager({ outputDir: join(root, 'out-cc'), engine: 'cookiecutter' });
const hasCookiecutter = await run('cookiecutter', ['--version']).then(
  () => true,
  () => false,
);
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
    if (!hasCookiecutter) continue;
    let runs = 0;
    const engines = new Bench({ time: 300, iterations: 8, warmupIterations: 1, warmupTime: 0 });
    engines
      .add(`cookiecutter engine ${name}`, async () => {
        await viaCookiecutter.createFromTemplate(name, config, allocation, {
          projectSlug: name,
          overwrite: true,
          generate: false,
        });
      })
      .add(`cookiecutter CLI ${name}`, async () => {
        const out = join(root, 'cli', `${name}-${runs++}`);
        await run('cookiecutter', [
          '--no-input',
          '-o',
          out,
          join(defaultTemplatesDir(), name),
          `project_slug=${name}`,
        ]);
        await rm(out, { recursive: true, force: true });
      });
    await engines.run();
    const [engine, cli] = engines.tasks.map((t) => t.result.latency.mean);
    rows.push(
      benchResult({
        name: `templates: ${name} cookiecutter engine vs the cookiecutter command`,
        metric: 'mean time per project',
        unit: 'ms',
        value: engine,
        baseline: cli,
        // The driver's guards, reading the result back and the staged write may not double the cost
        // of running cookiecutter itself.
        goal: { maxRatio: 2 },
        note: `engine ${engine.toFixed(1)} ms, cookiecutter CLI ${cli.toFixed(1)} ms`,
      }),
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
// Which engines render what cookiecutter renders, case by case (the evidence behind the engine choice).
rows.push(...(await runEngineCandidates()));
writeBenchResults(new URL('..', import.meta.url).pathname, rows);
