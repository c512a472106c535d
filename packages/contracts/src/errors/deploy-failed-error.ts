import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.DeployFailedError');

/** A deploy or redeploy did not become healthy; whatever served before keeps serving. */
export class DeployFailedError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'DEPLOY_FAILED', message, cause });
    this.name = 'DeployFailedError';
  }

  /** True for a DeployFailedError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is DeployFailedError {
    return hasMarker(error, MARKER);
  }
}
