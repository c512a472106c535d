import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const packageDir = join(import.meta.dirname, '..');

/**
 * Bundles the worker entry to plain JS (no type declarations) under test-results, so a forked child
 * process can import the current source without a prior `pnpm build`. Returns the bundle's path.
 */
export function buildChildBundle(): string {
  const outDir = join(packageDir, 'test-results', `child-${randomBytes(4).toString('hex')}`);
  execFileSync(
    'npx',
    [
      'tsup',
      '--no-config',
      'test/fixtures/worker-entry.ts',
      '--format',
      'esm',
      '--target',
      'node20',
      '--out-dir',
      outDir,
      '--silent',
    ],
    { cwd: packageDir, stdio: 'pipe' },
  );
  return join(outDir, 'worker-entry.js');
}

export const WORKER_SCRIPT = join(packageDir, 'test', 'fixtures', 'factory-worker.mjs');
