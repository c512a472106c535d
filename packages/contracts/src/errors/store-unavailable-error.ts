import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.StoreUnavailableError');

/** The database is unreachable or its data directory is not writable. */
export class StoreUnavailableError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'STORE_UNAVAILABLE', message, cause, retryable: true });
    this.name = 'StoreUnavailableError';
  }

  /** True for a StoreUnavailableError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is StoreUnavailableError {
    return hasMarker(error, MARKER);
  }
}
