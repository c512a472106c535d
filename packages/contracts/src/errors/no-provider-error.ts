import { FactoryError } from './factory-error';

/** No AI provider is configured or available for the task. */
export class NoProviderError extends FactoryError {
  static override readonly code = 'NO_PROVIDER';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: NoProviderError.code, message, cause });
    this.name = 'NoProviderError';
  }
}
