// `pnpm bench`: runs every workspace package's `bench` script one at a time (two cores: no
// benchmark shares the machine with another), then merges their rows into bench-results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const check = process.argv.includes('--check');

const packageDirs = ['packages', 'apps'].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name)) : [],
);

const rows = [];
let failures = 0;
for (const dir of packageDirs) {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!manifest.scripts?.bench) continue;
  const out = join(dir, 'bench-results.json');
  rmSync(out, { force: true });
  process.stdout.write(`\n== ${manifest.name} ==\n`);
  const run = spawnSync('pnpm', ['run', '--silent', 'bench'], {
    cwd: dir,
    stdio: 'inherit',
    env: process.env,
  });
  if (run.status !== 0 || !existsSync(out)) {
    failures += 1;
    rows.push({
      name: `${manifest.name} bench`,
      metric: 'exit',
      unit: 'code',
      value: run.status ?? -1,
      baseline: 0,
      ratio: null,
      goal: 'exit 0',
      pass: false,
    });
    continue;
  }
  for (const row of JSON.parse(readFileSync(out, 'utf8'))) rows.push({ package: manifest.name, ...row });
}

writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(rows, null, 2)}\n`);
const failed = rows.filter((r) => !r.pass);
process.stdout.write(
  `\n${rows.length - failed.length} benchmarks met their goal, ${failed.length} did not; see ${relative(process.cwd(), join(root, 'bench-results.json'))}\n`,
);
for (const r of failed)
  process.stdout.write(`  missed: ${r.package ?? ''} ${r.name} (ratio ${r.ratio}; goal ${r.goal})\n`);
if (check && (failed.length > 0 || failures > 0)) process.exit(1);
