import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';

// `pnpm bench` loads these with Node against the built dist: one whose import no longer resolves
// (an export renamed or moved to contracts) fails the package's whole bench run, and nothing else
// notices. Loaded by Node itself, since vitest's loader turns a missing export into undefined.
const benchDir = join(import.meta.dirname, '..', 'bench');
const modules = readdirSync(benchDir).filter((file) => file.endsWith('.bench.mjs'));

describe('the package benchmarks', () => {
  it('are found', () => {
    expect(modules.length).toBeGreaterThan(0);
  });

  it.each(modules)(
    '%s loads in Node against the built package and exports run()',
    async (file) => {
      const url = pathToFileURL(join(benchDir, file)).href;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(url)}); console.log(typeof m.run);`,
        ],
        { timeout: scaled(30_000) },
      );
      expect(stdout.trim()).toBe('function');
    },
    scaled(60_000),
  );
});
