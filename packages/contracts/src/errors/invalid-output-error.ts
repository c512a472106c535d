import { FactoryError } from './factory-error';

/** A model's output did not satisfy the task's schema, even after a re-ask. */
export class InvalidOutputError extends FactoryError {
  static override readonly code = 'INVALID_OUTPUT';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: InvalidOutputError.code, message, cause, retryable: true });
    this.name = 'InvalidOutputError';
  }
}
