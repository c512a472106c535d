import { FactoryError } from './factory-error';

/**
 * Another live process writes the embedded data folder (one writer per folder): stop it, use its
 * HTTP API, or point this command at another folder.
 */
export class DataDirLockedError extends FactoryError {
  static override readonly code = 'DATA_DIR_LOCKED';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: DataDirLockedError.code, message, cause, retryable: true });
    this.name = 'DataDirLockedError';
  }
}
