// A create with bad input is refused before any data folder or store is opened, so it costs about
// what `factory --help` costs (loading the CLI), not opening the embedded database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** The median wall time of `factory <args>` in a fresh folder, over `runs` runs. */
function medianMs(args, runs, expectCode) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const cwd = mkdtempSync(join(tmpdir(), 'sf-bench-refuse-'));
    const started = performance.now();
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (run.status !== expectCode)
      throw new Error(`factory ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    if (existsSync(join(cwd, '.factory')))
      throw new Error(`factory ${args.join(' ')} created the data folder`);
    rmSync(cwd, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function run() {
  const help = medianMs(['--help'], 5, 0);
  const refused = medianMs(
    ['create', '--name', '../../etc', '--industry', 'Retail', '--category', 'Shop'],
    5,
    2,
  );
  return [
    benchResult({
      name: 'create --name ../../etc refused before side effects',
      metric: 'median wall time against `factory --help`',
      unit: 'ms',
      value: refused,
      baseline: help,
      goal: { maxRatio: 1.5 },
      note: 'before: the embedded database was opened (and created) first, 11.8 s against 1.6 s',
    }),
  ];
}
