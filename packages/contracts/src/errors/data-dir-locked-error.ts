import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.DataDirLockedError');

/**
 * Another live process writes the embedded data folder (one writer per folder): stop it, use its
 * HTTP API, or point this command at another folder.
 */
export class DataDirLockedError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'DATA_DIR_LOCKED', message, cause, retryable: true });
    this.name = 'DataDirLockedError';
  }

  /** True for a DataDirLockedError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is DataDirLockedError {
    return hasMarker(error, MARKER);
  }
}
