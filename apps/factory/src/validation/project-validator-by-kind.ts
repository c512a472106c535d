import type {
  IProjectValidator,
  ProjectValidationReport,
  ResourceAllocation,
} from '@startup-factory/contracts';
import { isFlutterProject } from './flutter-project-validator';

/** Validates each generated project with what builds it: Flutter projects one way, npm projects the other. */
export class ProjectValidatorByKind implements IProjectValidator {
  constructor(private readonly validators: { flutter: IProjectValidator; npm: IProjectValidator }) {}

  validate(
    projectDir: string,
    allocation: ResourceAllocation,
    options?: { signal?: AbortSignal },
  ): Promise<ProjectValidationReport> {
    const validator = isFlutterProject(projectDir) ? this.validators.flutter : this.validators.npm;
    return validator.validate(projectDir, allocation, options);
  }
}
