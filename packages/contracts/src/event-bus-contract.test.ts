import { describe, expect, it } from 'vitest';
import type { IEventBus, SubscribeFilter } from './interfaces/event-bus';
import type { FactoryEvent } from './schemas/events';
import { type EventBusHarness, eventBusCases, eventBusContract, runContractCases } from './testing/index';

type Handler = (event: FactoryEvent) => void;

/** The simplest correct bus, to show the suite passes; the subclasses below each break one rule. */
class ListBus implements IEventBus {
  protected subs = new Set<{ handler: Handler; filter: SubscribeFilter }>();
  protected closed = false;
  async publish(event: FactoryEvent): Promise<void> {
    if (this.closed) return;
    for (const s of [...this.subs]) {
      if (!this.matches(event, s.filter)) continue;
      try {
        s.handler(event);
      } catch {
        // a failing subscriber must not stop the others
      }
    }
  }
  protected matches(event: FactoryEvent, filter: SubscribeFilter): boolean {
    return (
      (filter.startupId === undefined || filter.startupId === event.startupId) &&
      (filter.types === undefined || filter.types.includes(event.type))
    );
  }
  subscribe(handler: Handler, filter: SubscribeFilter = {}): () => void {
    const sub = { handler, filter };
    this.subs.add(sub);
    return () => this.subs.delete(sub);
  }
  async close(): Promise<void> {
    this.closed = true;
    this.subs.clear();
  }
}

const harnessOf = (bus: IEventBus) => async (): Promise<EventBusHarness> => ({
  publisher: bus,
  subscriber: bus,
});

eventBusContract('a list-backed bus', async () => harnessOf(new ListBus())());

describe('eventBusContract can fail', () => {
  const failedWith = async (bus: () => IEventBus) =>
    (await runContractCases(eventBusCases, async () => harnessOf(bus())()))
      .filter((o) => !o.passed)
      .map((o) => o.name);

  it('catches a bus that ignores the filter', async () => {
    class NoFilter extends ListBus {
      protected override matches(): boolean {
        return true;
      }
    }
    expect(await failedWith(() => new NoFilter())).toContain(
      'the filter selects by startup and by event type',
    );
  });

  it('catches a bus whose unsubscribe does nothing', async () => {
    class StickySubscriptions extends ListBus {
      override subscribe(handler: Handler, filter: SubscribeFilter = {}): () => void {
        super.subscribe(handler, filter);
        return () => {};
      }
    }
    expect(await failedWith(() => new StickySubscriptions())).toContain(
      'unsubscribe stops delivery to that handler only',
    );
  });

  it('catches a bus where one throwing handler stops delivery', async () => {
    class Fragile extends ListBus {
      override async publish(event: FactoryEvent): Promise<void> {
        for (const s of [...this.subs]) if (this.matches(event, s.filter)) s.handler(event);
      }
    }
    expect(await failedWith(() => new Fragile())).toContain(
      'a handler that throws does not stop delivery to others',
    );
  });

  it('catches a bus that keeps delivering after close', async () => {
    class NeverCloses extends ListBus {
      override async close(): Promise<void> {}
    }
    expect(await failedWith(() => new NeverCloses())).toContain(
      'close ends delivery and later publishes do not reach old subscribers',
    );
  });
});
