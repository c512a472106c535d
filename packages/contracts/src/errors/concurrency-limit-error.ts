import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.ConcurrencyLimitError');

/** The limit of concurrent startups is reached: wait for one to finish, or cancel or delete one. */
export class ConcurrencyLimitError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'CONCURRENCY_LIMIT', message, cause, retryable: true });
    this.name = 'ConcurrencyLimitError';
  }

  /** True for a ConcurrencyLimitError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is ConcurrencyLimitError {
    return hasMarker(error, MARKER);
  }
}
