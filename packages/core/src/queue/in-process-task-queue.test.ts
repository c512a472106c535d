import { InMemoryEventBus } from '@startup-factory/contracts';
import { InMemoryStateStore, taskQueueContract } from '@startup-factory/contracts/testing';
import { createTaskQueue } from './create-task-queue';

taskQueueContract('InProcessTaskQueue (in-process engine)', async ({ handler, concurrency, retryBaseMs }) => {
  const store = new InMemoryStateStore();
  const queue = createTaskQueue({
    store,
    handler,
    events: new InMemoryEventBus(),
    ...(concurrency ? { concurrency } : {}),
    retry: { baseMs: retryBaseMs ?? 5, jitter: 0 },
  });
  return { queue, store };
});
