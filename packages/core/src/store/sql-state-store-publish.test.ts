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

  it('publishes the events of a change written with them once stored, in order; none when nothing changed', async () => {
    await store.putDocument('notes', 'n1', { v: 1 });
    const change = `UPDATE sf_documents SET value = $3 WHERE collection = $1 AND key = $2 RETURNING key`;
    const events = [started('modified'), { ...started('modified'), phase: 'architecture' }];
    const done = await store.modifyWithEvents<{ key: string }>(change, ['notes', 'n1', '{"v":2}'], events);
    expect(done.rows).toEqual([{ key: 'n1' }]);
    const published = seen.filter((e) => e.startupId === 'modified');
    expect(published.map((e) => [(e as { phase: string }).phase, e.seq])).toEqual(
      done.events.map((e) => [(e as { phase: string }).phase, e.seq]),
    );
    expect(published.map((e) => (e as { phase: string }).phase)).toEqual(['mvp_spec', 'architecture']);
    expect(published[0]!.seq!).toBeLessThan(published[1]!.seq!);
    expect((await store.listEvents({ startupId: 'modified' })).map((e) => e.seq)).toEqual(
      published.map((e) => e.seq),
    );
    const none = await store.modifyWithEvents(change, ['notes', 'missing', '{}'], [started('unchanged')]);
    expect(none).toEqual({ rows: [], events: [] });
    expect(await store.listEvents({ startupId: 'unchanged' })).toEqual([]);
  });
});
