import type { FactoryEvent, SubscribeFilter } from '@startup-factory/contracts';

/** True when `event` passes `filter` (absent fields match everything). */
export function matchesFilter(event: FactoryEvent, filter: SubscribeFilter): boolean {
  return (
    (filter.startupId === undefined || filter.startupId === event.startupId) &&
    (filter.types === undefined || filter.types.includes(event.type))
  );
}

/** The subscribers of one bus: what every IEventBus keeps, whatever carries its events. */
export class Subscribers {
  private readonly subscriptions = new Set<{
    handler: (event: FactoryEvent) => void;
    filter: SubscribeFilter;
  }>();
  private closed = false;

  /** Adds a handler (none once closed) and returns the function that removes it. */
  add(handler: (event: FactoryEvent) => void, filter: SubscribeFilter = {}): () => void {
    const subscription = { handler, filter };
    if (!this.closed) this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  /** Calls every matching handler; one that throws is reported and does not stop the others. */
  deliver(event: FactoryEvent, onHandlerError: (error: unknown) => void): void {
    for (const { handler, filter } of [...this.subscriptions]) {
      if (!matchesFilter(event, filter)) continue;
      try {
        handler(event);
      } catch (error) {
        onHandlerError(error);
      }
    }
  }

  close(): void {
    this.closed = true;
    this.subscriptions.clear();
  }
}
