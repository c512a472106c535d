import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type {
  IProjectValidator,
  ProjectValidationReport,
  ValidationStepName,
} from '../interfaces/project-validator';
import type { ResourceAllocation } from '../schemas/resource-allocation';
import { type ContractCase, registerContract } from './contract-case';

export interface ProjectValidatorHarness {
  validator: IProjectValidator;
  allocation: ResourceAllocation;
  /** A project of the kind this validator builds whose build step fails; leave out when it builds none here. */
  brokenProject?(): Promise<string>;
  cleanup?(): Promise<void>;
}

const STEP_NAMES: readonly ValidationStepName[] = [
  'install',
  'build',
  'test',
  'start',
  'health',
  'structure',
  'analyze',
];

/** What every report must hold, whatever the project: a pass means each step passed, a skip says why. */
function expectCoherent(report: ProjectValidationReport): void {
  for (const step of report.steps) {
    expect(STEP_NAMES).toContain(step.name);
    expect(Number.isFinite(step.durationMs) && step.durationMs >= 0).toBe(true);
    if (!step.ok)
      expect(step.detail.trim().length, `${step.name} failed without saying why`).toBeGreaterThan(0);
  }
  if (report.skipped) {
    expect(
      report.notBuilt?.trim().length ?? 0,
      'a skipped validation must say why (notBuilt)',
    ).toBeGreaterThan(0);
  } else {
    expect(report.ok).toBe(report.steps.length > 0 && report.steps.every((s) => s.ok));
  }
}

async function withEmptyFolder<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'sf-validator-contract-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const projectValidatorCases: ContractCase<ProjectValidatorHarness>[] = [
  {
    name: 'a folder with no project in it never passes as validated, and says why',
    async run({ validator, allocation }) {
      await withEmptyFolder(async (dir) => {
        const report = await validator.validate(dir, allocation);
        expect(report.ok && !report.skipped, 'an empty folder was reported validated').toBe(false);
        expectCoherent(report);
      });
    },
  },
  {
    name: 'validating an empty folder writes nothing into it',
    async run({ validator, allocation }) {
      await withEmptyFolder(async (dir) => {
        await validator.validate(dir, allocation);
        expect(await readdir(dir)).toEqual([]);
      });
    },
  },
  {
    name: 'a project whose build fails is not ok, and the failing step says why',
    async run({ validator, allocation, brokenProject }) {
      if (!brokenProject) return;
      const report = await validator.validate(await brokenProject(), allocation);
      expect(report.ok).toBe(false);
      expect(report.skipped).toBe(false);
      expect(report.steps.some((s) => !s.ok)).toBe(true);
      expectCoherent(report);
    },
  },
];

/** Registers the IProjectValidator suite for one implementation. */
export function projectValidatorContract(name: string, setup: () => Promise<ProjectValidatorHarness>): void {
  registerContract(`IProjectValidator contract: ${name}`, projectValidatorCases, setup);
}
