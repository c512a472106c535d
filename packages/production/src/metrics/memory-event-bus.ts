import type { FactoryEvent, IEventBus, SubscribeFilter } from '@startup-factory/contracts';

/** A minimal in-process IEventBus for tests and single-process embedding of this package. */
export class MemoryEventBus implements IEventBus {
  private readonly handlers = new Set<{ handler: (event: FactoryEvent) => void; filter: SubscribeFilter }>();

  async publish(event: FactoryEvent): Promise<void> {
    for (const entry of [...this.handlers]) {
      const { startupId, types } = entry.filter;
      if (startupId !== undefined && event.startupId !== startupId) continue;
      if (types && !types.includes(event.type)) continue;
      try {
        entry.handler(event);
      } catch {
        // A failing subscriber must not stop delivery to the others.
      }
    }
  }

  subscribe(handler: (event: FactoryEvent) => void, filter: SubscribeFilter = {}): () => void {
    const entry = { handler, filter };
    this.handlers.add(entry);
    return () => {
      this.handlers.delete(entry);
    };
  }

  get subscriberCount(): number {
    return this.handlers.size;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
