import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.UnsafePathError');

/** A path would leave the folder it must stay in. */
export class UnsafePathError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'UNSAFE_PATH', message, cause });
    this.name = 'UnsafePathError';
  }

  /** True for a UnsafePathError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is UnsafePathError {
    return hasMarker(error, MARKER);
  }
}
