import { FactoryError } from './factory-error';

/** No AI provider is configured or available for the task. */
export class NoProviderError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'NO_PROVIDER', message, cause });
    this.name = 'NoProviderError';
  }
}
