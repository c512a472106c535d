import { FactoryError } from './factory-error';

/** The database is unreachable or its data directory is not writable. */
export class StoreUnavailableError extends FactoryError {
  static override readonly code = 'STORE_UNAVAILABLE';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: StoreUnavailableError.code, message, cause, retryable: true });
    this.name = 'StoreUnavailableError';
  }
}
