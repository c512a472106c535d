import { FactoryError } from './factory-error';

/** The host (or the configured budget) has too little memory left for the request. */
export class InsufficientMemoryError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INSUFFICIENT_MEMORY', message, cause, retryable: true });
    this.name = 'InsufficientMemoryError';
  }
}
