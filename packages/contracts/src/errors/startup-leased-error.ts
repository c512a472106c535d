import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.StartupLeasedError');

/**
 * Another live process runs this startup and holds its lease; it may be taken over only once that
 * process is gone or its lease has expired.
 */
export class StartupLeasedError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'STARTUP_LEASED', message, cause, retryable: true });
    this.name = 'StartupLeasedError';
  }

  /** True for a StartupLeasedError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is StartupLeasedError {
    return hasMarker(error, MARKER);
  }
}
