import { FactoryError } from './factory-error';

/** A deploy or redeploy did not become healthy; whatever served before keeps serving. */
export class DeployFailedError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'DEPLOY_FAILED', message, cause });
    this.name = 'DeployFailedError';
  }
}
