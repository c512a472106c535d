import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.EvolveFailedError');

/**
 * An evolve stopped before it replaced anything: the project's files, its database and the running
 * app are as they were. `step` is what failed (merge, migrate, install, build, test, health) and
 * `log` the tail of its output.
 */
export class EvolveFailedError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly step: string;
  readonly log: string;

  constructor({
    step,
    log,
    message,
    cause,
  }: { step: string; log: string; message: string; cause?: unknown }) {
    super({ code: 'EVOLVE_FAILED', message, cause });
    this.name = 'EvolveFailedError';
    this.step = step;
    this.log = log;
  }

  /** True for a EvolveFailedError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is EvolveFailedError {
    return hasMarker(error, MARKER);
  }
}
