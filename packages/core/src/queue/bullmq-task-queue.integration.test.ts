import { randomUUID } from 'node:crypto';
import { InMemoryStateStore, taskQueueContract } from '@startup-factory/contracts/testing';
import { describeWithServer } from '../../test/server-env';
import { createTaskQueue } from './create-task-queue';

const redisUrl = process.env.REDIS_URL ?? '';

describeWithServer('REDIS_URL')('BullMQ engine', () => {
  taskQueueContract('BullMQ engine', async ({ handler, concurrency, retryBaseMs }) => {
    const store = new InMemoryStateStore();
    const queue = createTaskQueue({
      redisUrl,
      queueName: `sf-test-${randomUUID()}`,
      store,
      handler,
      ...(concurrency ? { concurrency } : {}),
      retry: { baseMs: retryBaseMs ?? 5, jitter: 0 },
    });
    return { queue, store };
  });
});
