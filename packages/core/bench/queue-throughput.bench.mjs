// Throughput of no-op tasks: the in-process engine against p-queue, and the BullMQ engine against
// raw BullMQ on the same Redis (only when REDIS_URL is set). The ratio is what our layer costs:
// persistence of every state change, events, limits and the result store.
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import PQueue from 'p-queue';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { createTaskQueue } from '../dist/index.js';

/** A bare Map-backed store, so the row measures the queue rather than a database. */
function mapStore() {
  const tasks = new Map();
  const results = new Map();
  let seq = 0;
  return {
    async saveTask(record) {
      tasks.set(record.task.id, record);
    },
    getTask: async (id) => tasks.get(id) ?? null,
    listTasks: async () => [...tasks.values()],
    async saveTaskResult(result) {
      if (results.has(result.taskId)) return false;
      results.set(result.taskId, result);
      return true;
    },
    getTaskResult: async (id) => results.get(id) ?? null,
    appendEvent: async (e) => ({ ...e, seq: ++seq }),
    usageSince: async () => ({ calls: 0, costUsd: 0, inputTokens: 0, outputTokens: 0 }),
  };
}

async function inProcessTasksPerSecond(n) {
  const queue = createTaskQueue({ store: mapStore(), handler: async () => null, concurrency: 15 });
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: n }, (_, i) => queue.submit({ id: `t${i}`, startupId: 's', type: 'noop' })),
  );
  await Promise.all(ids.map((id) => queue.waitForResult(id)));
  const seconds = (performance.now() - started) / 1000;
  await queue.close();
  return n / seconds;
}

async function pQueueTasksPerSecond(n) {
  const queue = new PQueue({ concurrency: 15 });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) => queue.add(async () => null, { priority: 10 - (i % 10) })),
  );
  return n / ((performance.now() - started) / 1000);
}

async function bullMqEngineTasksPerSecond(redisUrl, n) {
  const queueName = `sf-bench-${randomUUID()}`;
  const queue = createTaskQueue({
    redisUrl,
    queueName,
    store: mapStore(),
    handler: async () => null,
    concurrency: 15,
  });
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: n }, (_, i) => queue.submit({ id: `t${i}`, startupId: 's', type: 'noop' })),
  );
  await Promise.all(ids.map((id) => queue.waitForResult(id, { timeoutMs: 120_000 })));
  const rate = n / ((performance.now() - started) / 1000);
  await queue.close();
  await drop(redisUrl, queueName);
  return rate;
}

async function rawBullMqTasksPerSecond(redisUrl, n) {
  const queueName = `sf-bench-raw-${randomUUID()}`;
  const connection = { url: redisUrl };
  const queue = new Queue(queueName, { connection });
  let done = 0;
  let finish = () => {};
  const allDone = new Promise((resolve) => {
    finish = resolve;
  });
  const worker = new Worker(queueName, async () => null, { connection, concurrency: 15 });
  worker.on('completed', () => {
    done += 1;
    if (done === n) finish();
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) => queue.add('noop', {}, { jobId: `t${i}`, priority: 5, attempts: 3 })),
  );
  await allDone;
  const rate = n / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.close();
  await drop(redisUrl, queueName);
  return rate;
}

async function drop(redisUrl, queueName) {
  const queue = new Queue(queueName, { connection: { url: redisUrl } });
  await queue.obliterate({ force: true });
  await queue.close();
}

export async function run() {
  const n = 5000;
  await inProcessTasksPerSecond(500);
  await pQueueTasksPerSecond(500);
  const ours = await inProcessTasksPerSecond(n);
  const pq = await pQueueTasksPerSecond(n);
  const rows = [
    benchResult({
      name: 'core: in-process task queue throughput vs p-queue',
      metric: 'no-op tasks per second',
      unit: 'tasks/s',
      value: ours,
      baseline: pq,
      // Every task writes 3 states, 3 events and a result; p-queue does none of that.
      goal: { minRatio: 0.02 },
      note: `${n} tasks, concurrency 15, Map-backed store`,
    }),
  ];
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    const m = 500;
    const engine = await bullMqEngineTasksPerSecond(redisUrl, m);
    const raw = await rawBullMqTasksPerSecond(redisUrl, m);
    rows.push(
      benchResult({
        name: 'core: BullMQ task queue throughput vs raw BullMQ',
        metric: 'no-op tasks per second',
        unit: 'tasks/s',
        value: engine,
        baseline: raw,
        // Submit checks the store, and waitForResult polls it; raw BullMQ only counts completions.
        goal: { minRatio: 0.2 },
        note: `${m} jobs, concurrency 15, same Redis`,
      }),
    );
  }
  return rows;
}
