import { FactoryError } from './factory-error';

/** The host (or the configured budget) has too little memory left for the request. */
export class InsufficientMemoryError extends FactoryError {
  static override readonly code = 'INSUFFICIENT_MEMORY';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: InsufficientMemoryError.code, message, cause, retryable: true });
    this.name = 'InsufficientMemoryError';
  }
}
