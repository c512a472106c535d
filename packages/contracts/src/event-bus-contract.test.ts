import { describe, expect, it } from 'vitest';
import { InMemoryEventBus } from './events/in-memory-event-bus';
import type { IEventBus } from './interfaces/event-bus';
import type { FactoryEvent } from './schemas/events';
import { type EventBusHarness, eventBusCases, eventBusContract, runContractCases } from './testing/index';

/** A harness on one in-memory bus whose reporter records into `handlerErrors`. */
function harness(): EventBusHarness & { bus: InMemoryEventBus } {
  const handlerErrors: EventBusHarness['handlerErrors'] = [];
  const bus = new InMemoryEventBus({
    onHandlerError: (error, event) => handlerErrors.push({ error, event }),
  });
  return { bus, publisher: bus, subscriber: bus, handlerErrors, cleanup: () => bus.close() };
}

eventBusContract('InMemoryEventBus', async () => harness());

describe('eventBusContract can fail', () => {
  /** The cases that fail against the in-memory bus with one rule broken by `breaks`. */
  const failedWith = async (breaks: (bus: IEventBus, h: EventBusHarness) => Partial<IEventBus>) =>
    (
      await runContractCases(eventBusCases, async () => {
        const h = harness();
        const broken: IEventBus = {
          publish: (e) => h.bus.publish(e),
          subscribe: (handler, filter) => h.bus.subscribe(handler, filter),
          close: () => h.bus.close(),
          ...breaks(h.bus, h),
        };
        return { ...h, publisher: broken, subscriber: broken };
      })
    )
      .filter((o) => !o.passed)
      .map((o) => o.name);

  it('catches a bus that ignores the filter', async () => {
    expect(await failedWith((bus) => ({ subscribe: (handler) => bus.subscribe(handler) }))).toContain(
      'the filter selects by startup and by event type',
    );
  });

  it('catches a bus whose unsubscribe does nothing', async () => {
    const sticky = (bus: IEventBus) => ({
      subscribe: (handler: (e: FactoryEvent) => void, filter?: object) => {
        bus.subscribe(handler, filter);
        return () => {};
      },
    });
    expect(await failedWith(sticky)).toContain('unsubscribe stops delivery to that handler only');
  });

  it('catches a bus where one throwing handler stops delivery', async () => {
    // Once a handler throws on an event, later handlers never see that event.
    const fragile = (bus: IEventBus) => {
      let poisoned: FactoryEvent | undefined;
      return {
        subscribe: (handler: (e: FactoryEvent) => void, filter?: object) =>
          bus.subscribe((e) => {
            if (e === poisoned) return;
            try {
              handler(e);
            } catch (error) {
              poisoned = e;
              throw error;
            }
          }, filter),
      };
    };
    expect(await failedWith(fragile)).toContain('a handler that throws does not stop delivery to others');
  });

  it('catches a bus that swallows a handler error without reporting it', async () => {
    const silent = (bus: IEventBus) => ({
      subscribe: (handler: (e: FactoryEvent) => void, filter?: object) =>
        bus.subscribe((e) => {
          try {
            handler(e);
          } catch {}
        }, filter),
    });
    expect(await failedWith(silent)).toEqual([
      'a handler that throws is reported with the event it was handling, not swallowed',
    ]);
  });

  it('catches a bus that keeps delivering after close', async () => {
    expect(await failedWith(() => ({ close: async () => {} }))).toContain(
      'close ends delivery and later publishes do not reach old subscribers',
    );
  });
});

describe('InMemoryEventBus without a reporter', () => {
  it('reports a throwing handler on standard error, naming the event', async () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => lines.push(args.join(' '));
    try {
      const bus = new InMemoryEventBus();
      bus.subscribe(() => {
        throw new Error('dashboard bug');
      });
      await bus.publish({ type: 'phase.started', startupId: 's1', at: new Date(), phase: 'mvp_spec' });
    } finally {
      console.error = original;
    }
    expect(lines).toEqual(['event bus: a subscriber to phase.started (startup s1) threw: dashboard bug']);
  });
});
