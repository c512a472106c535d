// Adds up the vitest JSON reports of every workspace package and prints the one line CI
// reads: `N passed, N failed[, N skipped]`. Exits 1 when a test failed, a suite failed to
// load, or a package that has tests left no report.
//
//   count-tests.mjs [root]                          count one run
//   count-tests.mjs [root] --label L --save F       print `L: N passed, …` and save the counts to F
//   count-tests.mjs --sum F1 F2 …                   the plain line for several saved runs together
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};

const line = ({ passed, failed, skipped }) =>
  `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;

function countRun(root) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let broken = 0;
  for (const group of ['packages', 'apps']) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const report = join(dir, 'test-results', 'vitest.json');
      if (!existsSync(report)) {
        process.stderr.write(`count-tests: ${group}/${name} left no test report\n`);
        broken += 1;
        continue;
      }
      const r = JSON.parse(readFileSync(report, 'utf8'));
      passed += r.numPassedTests ?? 0;
      failed += r.numFailedTests ?? 0;
      skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
      const failedSuites = (r.testResults ?? []).filter(
        (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
      );
      for (const s of failedSuites)
        process.stderr.write(`count-tests: ${s.name} failed to run: ${(s.message ?? '').split('\n')[0]}\n`);
      broken += failedSuites.length;
    }
  }
  return { passed, failed: failed + broken, skipped };
}

let counts;
if (args[0] === '--sum') {
  counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of args.slice(1)) {
    if (!existsSync(file)) {
      process.stderr.write(`count-tests: no saved run ${file}\n`);
      counts.failed += 1;
      continue;
    }
    const run = JSON.parse(readFileSync(file, 'utf8'));
    for (const key of ['passed', 'failed', 'skipped']) counts[key] += run[key];
  }
  process.stdout.write(`${line(counts)}\n`);
} else {
  const label = option('--label');
  const save = option('--save');
  counts = countRun(args[0] ?? process.cwd());
  if (save) writeFileSync(save, JSON.stringify(counts));
  process.stdout.write(`${label ? `${label}: ` : ''}${line(counts)}\n`);
}
process.exit(counts.failed > 0 ? 1 : 0);
