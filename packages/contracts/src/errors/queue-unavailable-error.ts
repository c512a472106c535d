import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.QueueUnavailableError');

/** Redis (the BullMQ task queue, the event bus, the shared cache) is unreachable. */
export class QueueUnavailableError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'QUEUE_UNAVAILABLE', message, cause, retryable: true });
    this.name = 'QueueUnavailableError';
  }

  /** True for a QueueUnavailableError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is QueueUnavailableError {
    return hasMarker(error, MARKER);
  }
}
