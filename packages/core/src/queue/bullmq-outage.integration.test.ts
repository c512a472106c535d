import { randomUUID } from 'node:crypto';
import { FactoryError } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  startThrowawayPostgres,
  startThrowawayRedis,
  type ThrowawayServer,
  throwawayServersMissing,
  waitFor,
} from '../../../../tooling/testing/throwaway-servers';
import { scaled } from '../../../../tooling/testing/time-scale';
import { type DependencyChange, DependencyMonitor } from '../outage/dependency-monitor';
import { createStateStore } from '../store/create-state-store';
import type { BullMqTaskQueue } from './bullmq-task-queue';
import { createTaskQueue } from './create-task-queue';
import { probeRedis } from './redis-probe';

/** PostgreSQL and Redis of this file's own, killed and restarted while BullMQ tasks are in flight. */
describe.skipIf(throwawayServersMissing())('BullMQ tasks through back-end outages', () => {
  let pg: ThrowawayServer;
  let redis: ThrowawayServer;
  beforeAll(async () => {
    [pg, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
  });
  afterAll(async () => {
    await Promise.all([pg?.destroy(), redis?.destroy()]);
  });

  it('PostgreSQL down for 10 s while three AI calls are in flight: each result is kept, no call is repeated, no task is left running', {
    timeout: scaled(300_000),
  }, async () => {
    const store = await createStateStore({ url: pg.url, outageRetryMs: 120_000 });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: string[] = [];
    const queue = createTaskQueue({
      redisUrl: redis.url,
      queueName: `sf-outage-${randomUUID()}`,
      store,
      handler: async (task) => {
        calls.push(task.id);
        await gate; // the paid call returns while the store is down
        return { answer: task.id };
      },
    });
    try {
      const ids = await Promise.all(
        ['a', 'b', 'c'].map((n) =>
          queue.submit({ id: `${n}-${randomUUID()}`, startupId: 's', type: 'research' }),
        ),
      );
      await waitFor(() => calls.length === 3);
      await pg.stop();
      release();
      // The outage the issue describes; the handlers finished at its start and wait to be recorded.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      await pg.start();
      const results = await Promise.all(ids.map((id) => queue.waitForResult(id, { timeoutMs: 180_000 })));
      expect(results.map((r) => [r.status, r.output])).toEqual(
        ids.map((id) => ['succeeded', { answer: id }]),
      );
      expect(calls.sort()).toEqual([...ids].sort());
      const states = (await store.listTasks()).map((r) => r.state);
      expect(states).toEqual(['succeeded', 'succeeded', 'succeeded']);
    } finally {
      release();
      await queue.close();
      await store.close();
    }
  });

  it('Redis down: a readiness ping fails with QUEUE_UNAVAILABLE within its deadline, the outage is logged once each way (no ioredis stack per retry), and tasks run again after the restart', {
    timeout: scaled(300_000),
  }, async () => {
    const monitor = new DependencyMonitor();
    const changes: DependencyChange[] = [];
    monitor.onChange((change) => changes.push(change));
    const printed = vi.spyOn(console, 'error');
    const queue = createTaskQueue({
      redisUrl: redis.url,
      queueName: `sf-outage-${randomUUID()}`,
      store: new InMemoryStateStore(),
      handler: async (task) => ({ ran: task.id }),
      monitor,
    }) as BullMqTaskQueue;
    try {
      const first = await queue.submit({ id: `before-${randomUUID()}`, startupId: 's', type: 'research' });
      expect((await queue.waitForResult(first, { timeoutMs: 60_000 })).status).toBe('succeeded');
      await redis.stop();
      const started = Date.now();
      const ping = await queue.ping(2_000).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(FactoryError.isInstance(ping) && ping.code).toBe('QUEUE_UNAVAILABLE');
      expect((ping as Error).message).toMatch(
        /^redis: unreachable at redis:\/\/127\.0\.0\.1:\d+\/? \(.+\) — start it or unset REDIS_URL\.$/,
      );
      const probe = await probeRedis(redis.url, 2_000).catch((e: unknown) => e);
      expect((probe as Error).message).toMatch(/\(ECONNREFUSED\) — start it or unset REDIS_URL\.$/);
      await waitFor(() => changes.length === 1);
      // ioredis retries every few hundred ms; give it several rounds to (not) print anything.
      await waitFor(() => Date.now() - started > 3_000);
      await redis.start();
      await waitFor(() => changes.length === 2);
      const after = await queue.submit({ id: `after-${randomUUID()}`, startupId: 's', type: 'research' });
      expect((await queue.waitForResult(after, { timeoutMs: 120_000 })).status).toBe('succeeded');
      expect(changes.map((c) => `${c.dependency} ${c.state}`)).toEqual(['redis down', 'redis up']);
      const stacks = printed.mock.calls.filter((args) =>
        args.some((arg) => /\[ioredis\]|ECONNREFUSED/.test(String(arg))),
      );
      expect(stacks).toEqual([]);
    } finally {
      printed.mockRestore();
      await queue.close();
    }
  });
});
