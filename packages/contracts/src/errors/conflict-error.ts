import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.ConflictError');

/** The thing already exists (a duplicate startup name, a project folder already there). */
export class ConflictError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'CONFLICT', message, cause });
    this.name = 'ConflictError';
  }

  /** True for a ConflictError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is ConflictError {
    return hasMarker(error, MARKER);
  }
}
