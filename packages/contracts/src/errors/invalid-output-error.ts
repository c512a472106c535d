import { FactoryError } from './factory-error';

/** A model's output did not satisfy the task's schema, even after a re-ask. */
export class InvalidOutputError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INVALID_OUTPUT', message, cause, retryable: true });
    this.name = 'InvalidOutputError';
  }
}
