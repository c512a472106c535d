import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.InvalidOutputError');

/** A model's output did not satisfy the task's schema, even after a re-ask. */
export class InvalidOutputError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INVALID_OUTPUT', message, cause, retryable: true });
    this.name = 'InvalidOutputError';
  }

  /** True for a InvalidOutputError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is InvalidOutputError {
    return hasMarker(error, MARKER);
  }
}
