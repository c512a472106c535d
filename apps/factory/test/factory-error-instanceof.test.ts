import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findFactoryErrorInstanceofChecks } from '../../../tooling/checks/factory-error-instanceof.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('no instanceof checks on factory errors', () => {
  it('finds instanceof, toBeInstanceOf and toThrow with a contracts error class, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-instanceof-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      write(
        'packages/contracts/src/errors/not-found-error.ts',
        'export class NotFoundError extends FactoryError {}\n',
      );
      write(
        'packages/core/src/uses.ts',
        [
          'if (error instanceof NotFoundError) {}',
          'if (error instanceof contracts.FactoryError) {}',
          'if (error instanceof Error) {}',
          'if (NotFoundError.isInstance(error)) {}',
        ].join('\n'),
      );
      write(
        'apps/factory/src/uses.test.ts',
        'expect(e).toBeInstanceOf(NotFoundError);\nexpect(f).toThrow(NotFoundError);\nexpect(f).toThrow(RangeError);\n',
      );
      expect(
        findFactoryErrorInstanceofChecks(dir)
          .map((c) => `${c.file}:${c.line} ${c.errorClass}`)
          .sort(),
      ).toEqual([
        'apps/factory/src/uses.test.ts:1 NotFoundError',
        'apps/factory/src/uses.test.ts:2 NotFoundError',
        'packages/core/src/uses.ts:1 NotFoundError',
        'packages/core/src/uses.ts:2 FactoryError',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('this repository checks factory errors with isInstance or their code, never instanceof', () => {
    // instanceof is false for an error made by a second installed copy of contracts.
    expect(findFactoryErrorInstanceofChecks(root)).toEqual([]);
  });
});
