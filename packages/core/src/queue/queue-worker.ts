import { Queue, Worker } from 'bullmq';
import { bullMqConnection, DEFAULT_QUEUE_NAME } from './bullmq-connection';
import { createJobProcessor, factoryBackoff, type TaskJobData } from './bullmq-job-processor';
import type { TaskQueueOptions } from './task-queue-options';

export interface QueueWorkerOptions extends Omit<TaskQueueOptions, 'concurrency'> {
  redisUrl: string;
  /** Jobs this worker runs at once (default 15). */
  concurrency?: number;
  queueName?: string;
  /** BullMQ key prefix, to keep several factories apart on one Redis. */
  prefix?: string;
  /** How long a job's lock lasts; a worker that dies loses its jobs to others after this (default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired (default 30 s). */
  stalledIntervalMs?: number;
}

/** A running worker; `close` waits for the jobs in hand to finish. */
export interface QueueWorker {
  readonly worker: Worker<TaskJobData>;
  /** Jobs this worker takes at once from now on; jobs in hand keep running. */
  setConcurrency(n: number): void;
  close(): Promise<void>;
}

/**
 * The entry point of `factory worker`: pulls tasks from the shared BullMQ queue, runs them with
 * `handler` and persists results through `store`. Any number of these may run on any machines.
 */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const connection = bullMqConnection(options.redisUrl, options.monitor);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const prefix = options.prefix;
  const queue = new Queue<TaskJobData>(queueName, { connection, ...(prefix ? { prefix } : {}) });
  // Connection errors reach the monitor once through bullMqConnection, not once per retry here.
  queue.on('error', () => {});
  const processor = createJobProcessor({ ...options, queue });
  const worker = new Worker<TaskJobData>(queueName, (job, token) => processor.process(job, token), {
    connection,
    concurrency: options.concurrency ?? 15,
    settings: { backoffStrategy: factoryBackoff },
    ...(prefix ? { prefix } : {}),
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  });
  worker.on('error', (error) => options.onError?.(error));
  return {
    worker,
    setConcurrency(n: number) {
      if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`concurrency must be a whole number >= 1, got ${n}`);
      worker.concurrency = n;
    },
    async close() {
      processor.abortRunning();
      await worker.close();
      await queue.close();
      await connection.quit().catch(() => {});
    },
  };
}
