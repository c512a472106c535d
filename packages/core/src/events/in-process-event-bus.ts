import type { FactoryEvent, IEventBus, SubscribeFilter } from '@startup-factory/contracts';
import { Subscribers } from './subscribers';

/** The embedded bus: synchronous fan-out to subscribers in this process. */
export class InProcessEventBus implements IEventBus {
  private readonly subscribers = new Subscribers();

  constructor(private readonly onHandlerError: (error: unknown) => void = () => {}) {}

  async publish(event: FactoryEvent): Promise<void> {
    this.subscribers.deliver(event, this.onHandlerError);
  }

  subscribe(handler: (event: FactoryEvent) => void, filter: SubscribeFilter = {}): () => void {
    return this.subscribers.add(handler, filter);
  }

  async close(): Promise<void> {
    this.subscribers.close();
  }
}
