import type { FactoryEvent, IEventBus, SubscribeFilter } from '@startup-factory/contracts';

interface Subscription {
  handler: (event: FactoryEvent) => void;
  filter: SubscribeFilter;
}

/** True when `event` passes `filter` (absent fields match everything). */
export function matchesFilter(event: FactoryEvent, filter: SubscribeFilter): boolean {
  return (
    (filter.startupId === undefined || filter.startupId === event.startupId) &&
    (filter.types === undefined || filter.types.includes(event.type))
  );
}

/** The embedded bus: synchronous fan-out to subscribers in this process. */
export class InProcessEventBus implements IEventBus {
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly onHandlerError: (error: unknown) => void = () => {}) {}

  async publish(event: FactoryEvent): Promise<void> {
    if (this.closed) return;
    deliver(this.subscriptions, event, this.onHandlerError);
  }

  subscribe(handler: (event: FactoryEvent) => void, filter: SubscribeFilter = {}): () => void {
    const subscription = { handler, filter };
    if (!this.closed) this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriptions.clear();
  }
}

/** Calls every matching handler; one that throws is reported and does not stop the others. */
export function deliver(
  subscriptions: Iterable<Subscription>,
  event: FactoryEvent,
  onHandlerError: (error: unknown) => void,
): void {
  for (const { handler, filter } of [...subscriptions]) {
    if (!matchesFilter(event, filter)) continue;
    try {
      handler(event);
    } catch (error) {
      onHandlerError(error);
    }
  }
}
