import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeUncovered,
  findImplementations,
  findUncoveredImplementations,
  suiteNameFor,
} from '../../../tooling/checks/contract-coverage.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A throwaway workspace: contracts with one interface and its suite, and a package implementing it. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-coverage-'));
  const all: Record<string, string> = {
    'packages/contracts/src/interfaces/event-bus.ts':
      'export interface IEventBus { close(): Promise<void>; }\n',
    'packages/contracts/src/testing/index.ts': "export { eventBusContract } from './event-bus-contract';\n",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  made.push(dir);
  return dir;
}
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const imports = "import type { IEventBus } from '@startup-factory/contracts';\n";
const covered = {
  'packages/bus/src/class-bus.ts': `${imports}export class ClassBus implements IEventBus { async close() {} }\n`,
  'packages/bus/src/class-bus.test.ts':
    "import { eventBusContract } from '@startup-factory/contracts/testing';\nimport { ClassBus } from './class-bus';\neventBusContract('ClassBus', async () => ({ publisher: new ClassBus() }));\n",
};

describe('contract coverage (TypeScript compiler API)', () => {
  it('names suites after their interface', () => {
    expect(suiteNameFor('IAICoordinator')).toBe('aiCoordinatorContract');
    expect(suiteNameFor('IProvider')).toBe('providerContract');
    expect(suiteNameFor('IResultCache')).toBe('resultCacheContract');
  });

  it('catches an object literal returned by a factory typed as the interface, which the class regex missed', () => {
    const dir = workspace({
      ...covered,
      'packages/bus/src/literal-bus.ts': `${imports}export function literalBus(): IEventBus {\n  return { async close() {} };\n}\n`,
    });
    expect(findUncoveredImplementations(dir).map((i) => [i.name, i.kind, i.iface])).toEqual([
      ['literalBus', 'object literal', 'IEventBus'],
    ]);
  });

  it('finds typed consts, satisfies, arrow factories, async factories and renamed imports', () => {
    const dir = workspace({
      'packages/bus/src/many.ts': [
        "import type { IEventBus as Bus } from '@startup-factory/contracts';",
        'export const constBus: Bus = { async close() {} };',
        'export const satisfiedBus = { async close() {} } satisfies Bus;',
        'export const arrowBus = (): Bus => ({ async close() {} });',
        'export async function asyncBus(): Promise<Bus> { return { async close() {} }; }',
        'export const notABus = { async close() {} };',
        'export function listOfBuses(): Bus[] { return [{ async close() {} }]; }',
      ].join('\n'),
    });
    expect(
      findImplementations(dir)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['arrowBus', 'asyncBus', 'constBus', 'satisfiedBus']);
  });

  it('a suite mentioned only in a comment or string, or a name only in another label, is not coverage', () => {
    const dir = workspace({
      'packages/bus/src/class-bus.ts': covered['packages/bus/src/class-bus.ts'],
      'packages/bus/src/class-bus.test.ts':
        "// eventBusContract(ClassBus)\nimport { eventBusContract } from '@startup-factory/contracts/testing';\neventBusContract('some other bus', async () => ({}));\nconst label = 'ClassBus';\n",
    });
    expect(findUncoveredImplementations(dir).map((i) => i.name)).toEqual(['ClassBus']);
  });

  it('counts a subject built by a factory when the suite label names it', () => {
    const dir = workspace({
      'packages/bus/src/class-bus.ts': covered['packages/bus/src/class-bus.ts'],
      'packages/bus/src/class-bus.test.ts':
        "import { eventBusContract } from '@startup-factory/contracts/testing';\nimport { createBus } from './create-bus';\neventBusContract('ClassBus (via createBus)', async () => ({ publisher: createBus() }));\n",
    });
    expect(findUncoveredImplementations(dir)).toEqual([]);
  });

  it('an implementation of an interface that has no suite yet is uncovered, naming the suite to write', () => {
    const dir = workspace({
      'packages/contracts/src/interfaces/deployer.ts':
        'export interface IDeployer { deploy(): Promise<void>; }\n',
      'packages/bus/src/deployer.ts':
        "import type { IDeployer } from '@startup-factory/contracts';\nexport const manifestDeployer: IDeployer = { async deploy() {} };\n",
    });
    expect(findUncoveredImplementations(dir).map(describeUncovered)).toEqual([
      'manifestDeployer (object literal, packages/bus/src/deployer.ts:2) implements IDeployer but contracts has no deployerContract for it: add one to packages/contracts/src/testing',
    ]);
  });

  it('every implementation of a contracts interface in this repository runs its suite', () => {
    const uncovered = findUncoveredImplementations(root);
    expect(uncovered.map(describeUncovered)).toEqual([]);
    const providers = findImplementations(root).filter((i) => i.iface === 'IProvider');
    expect(providers.length).toBeGreaterThanOrEqual(7);
  });
});
