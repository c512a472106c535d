import { FactoryError } from './factory-error';

/** The database is unreachable or its data directory is not writable. */
export class StoreUnavailableError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'STORE_UNAVAILABLE', message, cause, retryable: true });
    this.name = 'StoreUnavailableError';
  }
}
