import { FactoryError } from './factory-error';

/** The limit of concurrent startups is reached: wait for one to finish, or cancel or delete one. */
export class ConcurrencyLimitError extends FactoryError {
  static override readonly code = 'CONCURRENCY_LIMIT';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: ConcurrencyLimitError.code, message, cause, retryable: true });
    this.name = 'ConcurrencyLimitError';
  }
}
