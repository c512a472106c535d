import { afterEach, describe, it } from 'vitest';

/** One behaviour a contract requires, runnable against any subject. */
export interface ContractCase<H> {
  name: string;
  run(harness: H): Promise<void>;
}

export interface Harness {
  cleanup?(): Promise<void>;
}

/** Registers every case as a vitest test under `describe(title)`, each on a fresh harness. */
export function registerContract<H extends Harness>(
  title: string,
  cases: ContractCase<H>[],
  setup: () => Promise<H>,
): void {
  describe(title, () => {
    let current: H | undefined;
    afterEach(async () => {
      await current?.cleanup?.();
      current = undefined;
    });
    for (const c of cases) {
      it(c.name, async () => {
        current = await setup();
        await c.run(current);
      });
    }
  });
}

export interface CaseOutcome {
  name: string;
  passed: boolean;
  error?: unknown;
}

/**
 * Runs cases outside vitest's registration, one fresh harness each. The package's own tests use it
 * to prove a suite fails against deliberately broken implementations.
 */
export async function runContractCases<H extends Harness>(
  cases: ContractCase<H>[],
  setup: () => Promise<H>,
): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) {
    const harness = await setup();
    try {
      await c.run(harness);
      outcomes.push({ name: c.name, passed: true });
    } catch (error) {
      outcomes.push({ name: c.name, passed: false, error });
    } finally {
      await harness.cleanup?.();
    }
  }
  return outcomes;
}
