import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.NotFoundError');

/** The startup, task or record asked for does not exist. */
export class NotFoundError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'NOT_FOUND', message, cause });
    this.name = 'NotFoundError';
  }

  /** True for a NotFoundError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is NotFoundError {
    return hasMarker(error, MARKER);
  }
}
