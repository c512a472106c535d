// `pnpm integration`: the plan's daily integration. Build, typecheck, lint, every test
// (contract suites and integration tests included), a check that every implementation of a
// contracts interface (class or object literal, found with the TypeScript compiler API) runs that
// interface's suite, a check for instanceof on factory errors, and the bench regression check.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeUncovered, findUncoveredImplementations } from './checks/contract-coverage.mjs';
import { findFactoryErrorInstanceofChecks } from './checks/factory-error-instanceof.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(label, command, args) {
  process.stdout.write(`\n== ${label} ==\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const steps = [];
  steps.push(['build', run('build', 'pnpm', ['build'])]);
  steps.push(['typecheck', run('typecheck', 'pnpm', ['typecheck'])]);
  steps.push(['lint', run('lint', 'pnpm', ['lint'])]);
  steps.push(['tests (contract suites, unit and integration)', run('tests', 'pnpm', ['test'])]);
  process.stdout.write('\n== contract coverage ==\n');
  const uncovered = findUncoveredImplementations(root);
  for (const u of uncovered) process.stdout.write(`  ${describeUncovered(u)}\n`);
  if (uncovered.length === 0) process.stdout.write('  every implementation runs its contract suite\n');
  steps.push(['contract coverage', uncovered.length === 0]);
  process.stdout.write('\n== factory errors checked with isInstance ==\n');
  const instanceofChecks = findFactoryErrorInstanceofChecks(root);
  for (const c of instanceofChecks)
    process.stdout.write(
      `  ${c.file}:${c.line} uses instanceof ${c.errorClass}; use ${c.errorClass}.isInstance\n`,
    );
  steps.push(['no instanceof on factory errors', instanceofChecks.length === 0]);
  steps.push(['bench regression', run('bench', 'node', ['tooling/bench/run-benchmarks.mjs', '--check'])]);
  process.stdout.write('\n== integration summary ==\n');
  for (const [name, ok] of steps) process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${name}\n`);
  process.exit(steps.every(([, ok]) => ok) ? 0 : 1);
}
