import { FactoryError } from './factory-error';

/**
 * Another live process writes the embedded data folder (one writer per folder): stop it, use its
 * HTTP API, or point this command at another folder.
 */
export class DataDirLockedError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'DATA_DIR_LOCKED', message, cause, retryable: true });
    this.name = 'DataDirLockedError';
  }
}
