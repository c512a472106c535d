import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.NoProviderError');

/** No AI provider is configured or available for the task. */
export class NoProviderError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'NO_PROVIDER', message, cause });
    this.name = 'NoProviderError';
  }

  /** True for a NoProviderError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is NoProviderError {
    return hasMarker(error, MARKER);
  }
}
