import { FactoryError } from './factory-error';

/** The limit of concurrent startups is reached: wait for one to finish, or cancel or delete one. */
export class ConcurrencyLimitError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'CONCURRENCY_LIMIT', message, cause, retryable: true });
    this.name = 'ConcurrencyLimitError';
  }
}
