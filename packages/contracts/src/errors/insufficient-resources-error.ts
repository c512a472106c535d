import { FactoryError } from './factory-error';

/** CPU or storage budget would be exceeded. */
export class InsufficientResourcesError extends FactoryError {
  static override readonly code = 'INSUFFICIENT_RESOURCES';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: InsufficientResourcesError.code, message, cause, retryable: true });
    this.name = 'InsufficientResourcesError';
  }
}
