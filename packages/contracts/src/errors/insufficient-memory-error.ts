import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.InsufficientMemoryError');

/** The host (or the configured budget) has too little memory left for the request. */
export class InsufficientMemoryError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INSUFFICIENT_MEMORY', message, cause, retryable: true });
    this.name = 'InsufficientMemoryError';
  }

  /** True for a InsufficientMemoryError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is InsufficientMemoryError {
    return hasMarker(error, MARKER);
  }
}
