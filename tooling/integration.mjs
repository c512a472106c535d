// `pnpm integration`: the plan's daily integration. Build, typecheck, lint, every test
// (contract suites and integration tests included), a check that every class implementing a
// contract interface is run against that interface's suite, and the bench regression check.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Interface name -> the contract suite every implementation must run. */
export const SUITES = {
  IStartupManager: 'startupManagerContract',
  IResourceAllocator: 'resourceAllocatorContract',
  ITemplateManager: 'templateManagerContract',
  IAICoordinator: 'aiCoordinatorContract',
  IStateStore: 'stateStoreContract',
  ITaskQueue: 'taskQueueContract',
  IEventBus: 'eventBusContract',
  IDeployService: 'deployServiceContract',
};

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

/**
 * Finds `class X implements IFoo` in sources and checks that some test file calls IFoo's suite
 * and names X. Returns the list of classes that are not covered.
 */
export function findUncoveredImplementations(baseDir = root) {
  const files = ['packages', 'apps'].flatMap((g) =>
    existsSync(join(baseDir, g)) ? walk(join(baseDir, g)) : [],
  );
  const tests = files
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => ({ f, text: readFileSync(f, 'utf8') }));
  const uncovered = [];
  for (const file of files.filter((f) => !f.endsWith('.test.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /class\s+(\w+)(?:<[^>]*>)?(?:\s+extends\s+[\w.<>]+)?\s+implements\s+([\w\s,<>]+?)\s*\{/g,
    )) {
      const [, className, implemented] = match;
      for (const iface of implemented.split(',').map((s) => s.trim().replace(/<.*$/, ''))) {
        const suite = SUITES[iface];
        if (!suite) continue;
        const covered = tests.some(
          ({ text: t }) => t.includes(`${suite}(`) && new RegExp(`\\b${className}\\b`).test(t),
        );
        if (!covered) uncovered.push({ className, iface, suite, file: relative(baseDir, file) });
      }
    }
  }
  return uncovered;
}

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
  const uncovered = findUncoveredImplementations();
  for (const u of uncovered)
    process.stdout.write(
      `  ${u.className} (${u.file}) implements ${u.iface} but no test runs ${u.suite} on it\n`,
    );
  if (uncovered.length === 0) process.stdout.write('  every implementation runs its contract suite\n');
  steps.push(['contract coverage', uncovered.length === 0]);
  steps.push(['bench regression', run('bench', 'node', ['tooling/bench/run-benchmarks.mjs', '--check'])]);
  process.stdout.write('\n== integration summary ==\n');
  for (const [name, ok] of steps) process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${name}\n`);
  process.exit(steps.every(([, ok]) => ok) ? 0 : 1);
}
