import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.InvalidTransitionError');

/** A status change the transition table does not allow. */
export class InvalidTransitionError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INVALID_TRANSITION', message, cause });
    this.name = 'InvalidTransitionError';
  }

  /** True for a InvalidTransitionError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is InvalidTransitionError {
    return hasMarker(error, MARKER);
  }
}
