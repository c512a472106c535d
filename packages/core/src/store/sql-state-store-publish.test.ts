import { type FactoryEvent, InMemoryEventBus } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateStore } from './create-state-store';
import type { SqlStateStore } from './sql-state-store';

describe('SqlStateStore.publishTo', () => {
  let store: SqlStateStore;
  const bus = new InMemoryEventBus();
  const seen: FactoryEvent[] = [];

  beforeAll(async () => {
    store = await createStateStore({ dataDir: 'memory://' });
    store.publishTo(bus);
    bus.subscribe((event) => seen.push(event));
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await bus.close();
  });

  const started = (startupId: string): FactoryEvent => ({
    type: 'phase.started',
    startupId,
    at: new Date(),
    phase: 'mvp_spec',
  });

  it('publishes an event appended outside a transaction with its sequence number', async () => {
    const stored = await store.appendEvent(started('plain'));
    expect(seen.find((e) => e.startupId === 'plain')?.seq).toBe(stored.seq);
  });

  it('publishes events of a transaction only after it commits', async () => {
    let seenInside = -1;
    await store.transaction(async (tx) => {
      await store.appendEvent(started('committed'), tx);
      seenInside = seen.filter((e) => e.startupId === 'committed').length;
    });
    expect(seenInside).toBe(0);
    expect(seen.filter((e) => e.startupId === 'committed')).toHaveLength(1);
  });

  it('never publishes events of a transaction that rolls back', async () => {
    await expect(
      store.transaction(async (tx) => {
        await store.appendEvent(started('rolled-back'), tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(seen.filter((e) => e.startupId === 'rolled-back')).toEqual([]);
    expect(await store.listEvents({ startupId: 'rolled-back' })).toEqual([]);
  });
});
