import { describe, expect, it, vi } from 'vitest';
import * as contracts from '../index';

type ErrorClass = (new (
  options: never,
) => contracts.FactoryError) & {
  isInstance(error: unknown): boolean;
};

/** Every error class the package exports: FactoryError and each class that extends it. */
function errorClassesOf(exports: Record<string, unknown>): Map<string, ErrorClass> {
  const base = exports.FactoryError as ErrorClass;
  return new Map(
    Object.entries(exports).filter(
      (entry): entry is [string, ErrorClass] =>
        typeof entry[1] === 'function' && (entry[1] === base || entry[1].prototype instanceof base),
    ),
  );
}

/** One instance per class, with the widest options any constructor takes. */
const options = {
  code: 'CONFLICT',
  message: 'what to do',
  provider: 'openai',
  taskType: 'research',
  failures: [],
  startupId: 's1',
  limit: 'callsPerHour',
  taskId: 't1',
  timeoutMs: 1,
  file: 'a.txt',
  construct: 'for loop',
  changes: [],
  step: 'build',
  log: '',
  change: 'add a page Reports',
} as never;

/** A second, separately evaluated copy of the package, as when two versions are installed. */
async function secondCopy(): Promise<Record<string, unknown>> {
  vi.resetModules();
  const copy = (await import('../index')) as Record<string, unknown>;
  expect(copy.FactoryError).not.toBe(contracts.FactoryError);
  return copy;
}

describe('error classes across duplicate package copies', () => {
  const classes = errorClassesOf(contracts as Record<string, unknown>);

  it('finds every error class the package exports', () => {
    expect(classes.size).toBeGreaterThanOrEqual(23);
    expect([...classes.keys()]).toContain('ProviderError');
  });

  it('isInstance of each class recognises an instance made by the other copy, where instanceof fails', async () => {
    const other = errorClassesOf(await secondCopy());
    expect([...other.keys()].sort()).toEqual([...classes.keys()].sort());
    for (const [name, Class] of classes) {
      const foreign = new (other.get(name) as ErrorClass)(options);
      expect(foreign instanceof Class, name).toBe(false);
      expect(Class.isInstance(foreign), `${name}.isInstance(an instance from the other copy)`).toBe(true);
      expect(contracts.FactoryError.isInstance(foreign), name).toBe(true);
    }
  });

  it("each subclass's isInstance rejects the base class and every other subclass", () => {
    for (const [name, Class] of classes) {
      if (Class === (contracts.FactoryError as unknown)) continue;
      expect(Class.isInstance(new contracts.FactoryError(options)), `${name} vs FactoryError`).toBe(false);
      for (const [otherName, Other] of classes) {
        if (Other === Class || Other === (contracts.FactoryError as unknown)) continue;
        expect(Class.isInstance(new Other(options)), `${name}.isInstance(${otherName})`).toBe(false);
      }
      expect(Class.isInstance(new Error('plain')), name).toBe(false);
      expect(Class.isInstance(null), name).toBe(false);
    }
  });

  it('each subclass declares the code its instances carry, and no two classes share one', () => {
    const codes = new Map<string, string>();
    for (const [name, Class] of classes) {
      if (Class === (contracts.FactoryError as unknown)) continue;
      const declared = (Class as unknown as { code?: string }).code;
      expect(new Class(options).code, name).toBe(declared);
      expect(codes.get(declared as string), `${name} shares its code`).toBeUndefined();
      codes.set(declared as string, name);
    }
  });
});
