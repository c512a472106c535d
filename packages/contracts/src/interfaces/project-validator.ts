import type { ResourceAllocation } from '../schemas/resource-allocation';

/** `structure` and `analyze` are a Flutter project's: its Dart checked without, then with, the SDK. */
export type ValidationStepName = 'install' | 'build' | 'test' | 'start' | 'health' | 'structure' | 'analyze';

export interface ValidationStep {
  name: ValidationStepName;
  ok: boolean;
  durationMs: number;
  /** What ran (and with which package manager); on a failure, why, with the tail of its output. */
  detail: string;
  /** Checks the step passed over and why, as the project's own output said (`skipped: <reason>`). */
  skipped?: string[];
}

/** A step as reports carry it (an evolve's gate keeps only these fields). */
type ReportedStep = { name: string; ok: boolean; detail: string };

/**
 * Why a step did not run at all (an install with nothing to install), or undefined when it ran: such a
 * step is `ok` with the detail `<name> skipped: <reason>`, and a report must not call it passed.
 */
export function stepNotRun(step: ReportedStep): string | undefined {
  const prefix = `${step.name} skipped: `;
  return step.ok && step.detail.startsWith(prefix) ? step.detail.slice(prefix.length) : undefined;
}

/** "passed build, test (install skipped: <reason>)": the steps that ran and passed, and what did not run. */
export function describePassedSteps(steps: readonly ReportedStep[]): string {
  const notRun = steps.flatMap((step) => {
    const reason = stepNotRun(step);
    return reason === undefined ? [] : [`${step.name} skipped: ${reason}`];
  });
  const ran = steps.filter((step) => stepNotRun(step) === undefined).map((step) => step.name);
  return `passed ${ran.join(', ')}${notRun.length > 0 ? ` (${notRun.join('; ')})` : ''}`;
}

export interface ProjectValidationReport {
  ok: boolean;
  skipped: boolean;
  /** Why the project was only checked, not built, on this machine (no Flutter SDK, say). */
  notBuilt?: string;
  steps: ValidationStep[];
}

/** Checks that a generated project installs, builds, passes its tests and answers its health check. */
export interface IProjectValidator {
  validate(
    projectDir: string,
    allocation: ResourceAllocation,
    options?: { signal?: AbortSignal },
  ): Promise<ProjectValidationReport>;
}

/** What one process of the generated app is for. */
export type AppProcessPurpose = 'install' | 'build' | 'test' | 'start';

/**
 * The whole environment of one process of the generated app (validation and deployment). Nothing
 * of the factory's own environment reaches the app unless this returns it.
 */
export type AppEnvironment = (
  allocation: ResourceAllocation,
  port: number,
  purpose: AppProcessPurpose,
) => Record<string, string>;
