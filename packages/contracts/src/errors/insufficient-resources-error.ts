import { FactoryError } from './factory-error';

/** CPU or storage budget would be exceeded. */
export class InsufficientResourcesError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INSUFFICIENT_RESOURCES', message, cause, retryable: true });
    this.name = 'InsufficientResourcesError';
  }
}
