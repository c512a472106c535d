import { randomUUID } from 'node:crypto';
import type { TaskHandler } from '@startup-factory/contracts';
import { InMemoryStateStore, taskQueueContract } from '@startup-factory/contracts/testing';
import { Queue } from 'bullmq';
import { expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { describeWithServer } from '../../test/server-env';
import { createTaskQueue } from './create-task-queue';
import { createQueueWorker } from './queue-worker';
import type { TaskQueueOptions } from './task-queue-options';

const redisUrl = process.env.REDIS_URL ?? '';

async function dropQueue(queueName: string) {
  const queue = new Queue(queueName, { connection: { url: redisUrl } });
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
}

function startBullMq(handler: TaskHandler, options: Partial<TaskQueueOptions> = {}) {
  const store = new InMemoryStateStore();
  const queueName = `sf-test-${randomUUID()}`;
  const queue = createTaskQueue({
    redisUrl,
    queueName,
    store,
    handler,
    retry: { baseMs: 5, jitter: 0 },
    ...options,
  });
  return {
    queue,
    store,
    async cleanup() {
      await queue.close();
      await dropQueue(queueName);
    },
  };
}

describeWithServer('REDIS_URL')('BullMQ engine', () => {
  taskQueueContract('BullMqTaskQueue (BullMQ engine)', async ({ handler, concurrency, retryBaseMs }) => {
    const { queue, store, cleanup } = startBullMq(handler, {
      ...(concurrency ? { concurrency } : {}),
      retry: { baseMs: retryBaseMs ?? 5, jitter: 0 },
    });
    // The contract closes the queue first; closing twice is a no-op.
    return { queue, store, cleanup };
  });

  it('runs 15 tasks at once by default and never 16', async () => {
    let active = 0;
    let peak = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const subject = startBullMq(async () => {
      active += 1;
      peak = Math.max(peak, active);
      if (active === 15) release();
      await held;
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
    });
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        subject.queue.submit({ id: `c${i}-${randomUUID()}`, startupId: 's', type: 'research' }),
      ),
    );
    for (const id of ids)
      expect((await subject.queue.waitForResult(id, { timeoutMs: 60_000 })).status).toBe('succeeded');
    expect(peak).toBe(15);
    await subject.cleanup();
  });

  it('holds per-provider concurrency in a worker', async () => {
    const active: Record<string, number> = {};
    const peak: Record<string, number> = {};
    const subject = startBullMq(
      async (_t, { provider = 'none' }) => {
        active[provider] = (active[provider] ?? 0) + 1;
        peak[provider] = Math.max(peak[provider] ?? 0, active[provider] ?? 0);
        await new Promise((r) => setTimeout(r, 10));
        active[provider] = (active[provider] ?? 1) - 1;
      },
      { concurrency: 8, providersFor: () => ['a'], providerLimits: { a: { concurrency: 2 } } },
    );
    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        subject.queue.submit({ id: `p${i}-${randomUUID()}`, startupId: 's', type: 'research' }),
      ),
    );
    for (const id of ids)
      expect((await subject.queue.waitForResult(id, { timeoutMs: 60_000 })).status).toBe('succeeded');
    expect(peak.a).toBe(2);
    await subject.cleanup();
  });

  it('a worker that shuts down mid-task hands the job back without spending an attempt', async () => {
    const store = new InMemoryStateStore();
    const queueName = `sf-test-${randomUUID()}`;
    const producer = createTaskQueue({
      redisUrl,
      queueName,
      store,
      worker: false,
      handler: async () => null,
    });
    let called = false;
    const leaving = createQueueWorker({
      redisUrl,
      queueName,
      store,
      handler: (_t, { signal }) =>
        new Promise((_resolve, reject) => {
          called = true;
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    const id = await producer.submit({ id: `handback-${randomUUID()}`, startupId: 's', type: 'research' });
    const deadline = Date.now() + scaled(60_000);
    while (!called && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(called).toBe(true);
    await leaving.close();
    expect((await store.getTask(id))?.state).toBe('queued');
    const staying = createQueueWorker({ redisUrl, queueName, store, handler: async () => 'done' });
    expect(await producer.waitForResult(id, { timeoutMs: 60_000 })).toMatchObject({
      status: 'succeeded',
      output: 'done',
      attempts: 1,
    });
    await staying.close();
    await producer.close();
    await dropQueue(queueName);
  });
});
