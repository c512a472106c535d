// A `factory worker` stand-in for the SIGKILL test: runs createQueueWorker from the built package.
// MODE=hang announces the task and never finishes it (the test kills it); MODE=work completes tasks.
import { createQueueWorker, createStateStore } from '../../../dist/index.js';

const { REDIS_URL, DATABASE_URL, QUEUE_NAME, MODE, WORKER_NAME } = process.env;
const store = await createStateStore({ url: DATABASE_URL });
const worker = createQueueWorker({
  redisUrl: REDIS_URL,
  queueName: QUEUE_NAME,
  store,
  concurrency: 2,
  lockDurationMs: 1000,
  stalledIntervalMs: 300,
  handler: async (task) => {
    process.stdout.write(`STARTED ${task.id} ${WORKER_NAME}\n`);
    if (MODE === 'hang') await new Promise(() => {});
    return { by: WORKER_NAME };
  },
});
process.stdout.write('READY\n');
process.on('SIGTERM', async () => {
  await worker.close();
  await store.close();
  process.exit(0);
});
