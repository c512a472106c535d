import type { IEventBus, SubscribeFilter } from '../interfaces/event-bus';
import type { FactoryEvent } from '../schemas/events';
import { type HandlerErrorReporter, Subscribers } from './subscribers';

export interface InMemoryEventBusOptions {
  /** Told when a subscriber throws (default: one line on standard error). */
  onHandlerError?: HandlerErrorReporter;
}

/**
 * The one in-process IEventBus: synchronous fan-out to subscribers in this process. The embedded
 * factory runs on it, and packages use it in their tests. Redis pub/sub (in core) is the other.
 */
export class InMemoryEventBus implements IEventBus {
  private readonly subscribers: Subscribers;
  private closed = false;

  constructor(options: InMemoryEventBusOptions = {}) {
    this.subscribers = new Subscribers(options.onHandlerError);
  }

  async publish(event: FactoryEvent): Promise<void> {
    if (!this.closed) this.subscribers.deliver(event);
  }

  subscribe(handler: (event: FactoryEvent) => void, filter: SubscribeFilter = {}): () => void {
    return this.subscribers.add(handler, filter);
  }

  /** How many handlers are subscribed (tests check that a consumer unsubscribed). */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.close();
  }
}
