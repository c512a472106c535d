import { FactoryError } from './factory-error';

/** A deploy or redeploy did not become healthy; whatever served before keeps serving. */
export class DeployFailedError extends FactoryError {
  static override readonly code = 'DEPLOY_FAILED';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: DeployFailedError.code, message, cause });
    this.name = 'DeployFailedError';
  }
}
