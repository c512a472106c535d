import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IProjectValidator, ProjectValidationReport } from '../interfaces/project-validator';

/**
 * Stands in for install/build/test/health in evolve and upgrade tests (a real install and build
 * takes minutes on a loaded machine): answers `report` for a folder holding a project
 * (package.json) and records each folder it checked; a folder with none is skipped, saying why,
 * as every validator must.
 */
export function validatorAnswering(
  report: ProjectValidationReport,
  checked: string[] = [],
): IProjectValidator {
  return {
    async validate(dir) {
      checked.push(dir);
      if (!existsSync(join(dir, 'package.json'))) {
        return { ok: false, skipped: true, steps: [], notBuilt: `no package.json in ${dir} (fake gate)` };
      }
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
