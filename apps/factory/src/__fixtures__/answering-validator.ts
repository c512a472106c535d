import type { IProjectValidator, ProjectValidationReport } from '@startup-factory/contracts';

/**
 * Stands in for install/build/test/health in evolve and upgrade tests (a real install and build
 * takes minutes on a loaded machine): answers `report` and records each folder it checked.
 */
export function validatorAnswering(
  report: ProjectValidationReport,
  checked: string[] = [],
): IProjectValidator {
  return {
    async validate(dir) {
      checked.push(dir);
      return report;
    },
  };
}

/** Every step of a validation passed. */
export const passingReport: ProjectValidationReport = {
  ok: true,
  skipped: false,
  steps: (['install', 'build', 'test', 'start', 'health'] as const).map((name) => ({
    name,
    ok: true,
    durationMs: 1,
    detail: `${name} ok (fake gate)`,
  })),
};
