import { FactoryError } from './factory-error';

/**
 * An evolve stopped before it replaced anything: the project's files, its database and the running
 * app are as they were. `step` is what failed (merge, migrate, install, build, test, health) and
 * `log` the tail of its output.
 */
export class EvolveFailedError extends FactoryError {
  static override readonly code = 'EVOLVE_FAILED';
  readonly step: string;
  readonly log: string;

  constructor({
    step,
    log,
    message,
    cause,
  }: { step: string; log: string; message: string; cause?: unknown }) {
    super({ code: EvolveFailedError.code, message, cause });
    this.name = 'EvolveFailedError';
    this.step = step;
    this.log = log;
  }
}
