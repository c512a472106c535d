import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.InsufficientResourcesError');

/** CPU or storage budget would be exceeded. */
export class InsufficientResourcesError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INSUFFICIENT_RESOURCES', message, cause, retryable: true });
    this.name = 'InsufficientResourcesError';
  }

  /** True for a InsufficientResourcesError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is InsufficientResourcesError {
    return hasMarker(error, MARKER);
  }
}
