import { StoreUnavailableError } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { DependencyMonitor, InProcessTaskQueue } from '@startup-factory/core';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReadiness } from './readiness';

describe('checkReadiness', () => {
  const queues: InProcessTaskQueue[] = [];
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.close();
  });
  const queueOn = (store: InMemoryStateStore) => {
    const queue = new InProcessTaskQueue({ store, handler: async () => null });
    queues.push(queue);
    return queue;
  };

  it('is ready when the store reads and the in-process queue runs', async () => {
    const store = new InMemoryStateStore();
    expect(await checkReadiness({ store, queue: queueOn(store) })).toMatchObject({ ok: true, down: [] });
  });

  it('names the store when a read hangs past the deadline or fails with STORE_UNAVAILABLE', async () => {
    const hanging = new InMemoryStateStore();
    hanging.listEvents = () => new Promise(() => {});
    const started = Date.now();
    const slow = await checkReadiness({ store: hanging, queue: queueOn(hanging) }, 200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(slow).toMatchObject({ ok: false, down: ['store'] });
    expect(slow.checks[0]).toMatchObject({ name: 'store', status: 'STORE_UNAVAILABLE' });

    const failing = new InMemoryStateStore();
    failing.listEvents = async () => {
      throw new StoreUnavailableError({ message: 'PostgreSQL at … is unreachable (ECONNREFUSED)' });
    };
    const down = await checkReadiness({ store: failing, queue: queueOn(failing) });
    expect(down.checks[0]).toMatchObject({
      ok: false,
      status: 'STORE_UNAVAILABLE',
      detail: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('fails a dependency the monitor already knows is down, without waiting on it', async () => {
    const store = new InMemoryStateStore();
    const monitor = new DependencyMonitor();
    monitor.report('redis', 'queue', false, 'Redis at redis://h:1: ECONNREFUSED');
    const readiness = await checkReadiness({ store, queue: queueOn(store), monitor });
    expect(readiness).toMatchObject({ ok: false, down: ['queue'] });
    expect(readiness.checks[1]).toMatchObject({
      status: 'QUEUE_UNAVAILABLE',
      detail: 'Redis at redis://h:1: ECONNREFUSED',
    });
  });
});
