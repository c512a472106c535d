import { FactoryError } from './factory-error';

/** Redis (the BullMQ task queue, the event bus, the shared cache) is unreachable. */
export class QueueUnavailableError extends FactoryError {
  static override readonly code = 'QUEUE_UNAVAILABLE';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: QueueUnavailableError.code, message, cause, retryable: true });
    this.name = 'QueueUnavailableError';
  }
}
