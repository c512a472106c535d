import type { FactoryEvent, IEventBus, IStateStore } from '@startup-factory/contracts';

export interface FollowOptions {
  store: IStateStore;
  bus: IEventBus;
  onEvent(event: FactoryEvent): void;
  /** Deliver stored events with a larger sequence number first; `false` for live only. */
  replay: boolean | { afterSeq: number };
  pageSize?: number;
}

/**
 * Delivers stored history, then live bus events, each exactly once and in sequence order:
 * live events that arrive while history is read are held back and de-duplicated by `seq`.
 */
export function followEvents(options: FollowOptions): { ready: Promise<void>; close(): void } {
  const { store, bus, onEvent } = options;
  const pageSize = options.pageSize ?? 500;
  let lastSeq = typeof options.replay === 'object' ? options.replay.afterSeq : 0;
  let held: FactoryEvent[] | null = options.replay === false ? null : [];
  let closed = false;

  const deliver = (event: FactoryEvent): void => {
    if (event.seq !== undefined) {
      if (event.seq <= lastSeq) return;
      lastSeq = event.seq;
    }
    onEvent(event);
  };
  const unsubscribe = bus.subscribe((event) => {
    if (closed) return;
    if (held) held.push(event);
    else deliver(event);
  });

  const replay = async (): Promise<void> => {
    if (!held) return;
    try {
      for (;;) {
        const page = await store.listEvents({ afterSeq: lastSeq, limit: pageSize });
        for (const event of page) if (!closed) deliver(event);
        if (page.length < pageSize) break;
      }
    } finally {
      const pending = held;
      held = null;
      for (const event of pending.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) if (!closed) deliver(event);
    }
  };

  return {
    ready: replay(),
    close() {
      closed = true;
      unsubscribe();
    },
  };
}
