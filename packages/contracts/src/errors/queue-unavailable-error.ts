import { FactoryError } from './factory-error';

/** Redis (the BullMQ task queue, the event bus, the shared cache) is unreachable. */
export class QueueUnavailableError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'QUEUE_UNAVAILABLE', message, cause, retryable: true });
    this.name = 'QueueUnavailableError';
  }
}
