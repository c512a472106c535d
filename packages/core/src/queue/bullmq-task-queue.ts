import {
  ConflictError,
  DEFAULTS,
  type ITaskQueue,
  NotFoundError,
  parseInput,
  Task,
  type TaskFilter,
  type TaskInput,
  type TaskRecord,
  type TaskResult,
} from '@startup-factory/contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullMqConnection, DEFAULT_QUEUE_NAME, redisUnavailableError } from './bullmq-connection';
import {
  advanceWaiting,
  buildCancelled,
  jobOptions,
  releaseDependents,
  type TaskJobData,
} from './bullmq-job-processor';
import { createQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker';
import { RETRY_DEFAULTS } from './retry-policy';
import type { TaskQueueOptions } from './task-queue-options';
import { buildResult, TaskRecorder } from './task-recorder';
import { waitForStoredResult } from './wait-for-result';

export interface BullMqQueueOptions {
  redisUrl: string;
  queueName?: string;
  prefix?: string;
  /** Run a worker in this process too (default true); false when only `factory worker` processes run tasks. */
  worker?: boolean;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/**
 * The distributed engine: tasks are BullMQ jobs (priority, attempts, backoff, stalled-job recovery
 * are BullMQ's), results and state live in the shared store, so any worker can finish any task.
 */
export class BullMqTaskQueue implements ITaskQueue {
  private readonly connection: Redis;
  private readonly queue: Queue<TaskJobData>;
  private readonly recorder: TaskRecorder;
  private readonly worker: QueueWorker | undefined;
  private readonly clock: () => number;
  private readonly ready: Promise<unknown>;
  private closed = false;

  constructor(private readonly options: TaskQueueOptions & BullMqQueueOptions) {
    this.clock = options.clock ?? Date.now;
    this.connection = bullMqConnection(options.redisUrl, options.monitor);
    const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
    this.queue = new Queue<TaskJobData>(queueName, {
      connection: this.connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
    // BullMQ prints every connection error of a queue nobody listens to; the connection's
    // watcher (bullMqConnection) already reports the outage once to the monitor.
    this.queue.on('error', () => {});
    this.recorder = new TaskRecorder(options.store, options.events, this.clock, options.onError);
    const concurrency = options.concurrency ?? DEFAULTS.taskConcurrency;
    // The global limit holds across every worker process on this queue.
    this.ready = this.queue.setGlobalConcurrency(concurrency);
    const workerOptions: QueueWorkerOptions = { ...options, queueName, concurrency };
    this.worker = options.worker === false ? undefined : createQueueWorker(workerOptions);
  }

  /**
   * Jobs this process's worker takes at once from now on (host pressure is local, so the global
   * limit across workers stays as configured). No-op without a local worker.
   */
  setConcurrency(n: number): void {
    this.worker?.setConcurrency(n);
  }

  async submit(input: TaskInput): Promise<string> {
    if (this.closed)
      throw new ConflictError({ message: 'The task queue is closed; create a new one to submit tasks.' });
    await this.ready;
    const maxAttempts = input.maxAttempts ?? this.options.retry?.attempts ?? RETRY_DEFAULTS.attempts;
    const createdAt = input.createdAt ?? new Date(this.clock());
    const task = parseInput(Task, { ...input, maxAttempts, createdAt }, 'task');
    const { store } = this.options;
    if (await store.getTask(task.id)) {
      throw new ConflictError({
        message: `Task ${task.id} was already submitted; give each task a unique id.`,
      });
    }
    for (const dep of task.dependsOn) {
      if (!(await store.getTask(dep)) && !(await store.getTaskResult(dep))) {
        throw new NotFoundError({
          message: `Task ${task.id} depends on unknown task ${dep}; submit it first.`,
        });
      }
    }
    const record: TaskRecord = { task, state: 'waiting', attempts: 0, updatedAt: new Date(this.clock()) };
    await this.recorder.saveState(task, 'waiting', 0);
    // Dependencies that finished before the record was saved never see it, so check once here.
    await advanceWaiting(this.queue, this.recorder, store, record, this.clock);
    return task.id;
  }

  waitForResult(taskId: string, options: { timeoutMs?: number } = {}): Promise<TaskResult> {
    return waitForStoredResult(this.options.store, taskId, {
      timeoutMs: options.timeoutMs,
      isClosed: () => this.closed,
      settleLost: () => this.settleLost(taskId),
    });
  }

  /**
   * Settles a task whose BullMQ job failed without a stored result (its worker could not write
   * to the store): stores a failed result with BullMQ's reason, so the task does not stay
   * `running` with no owner and whoever waits on it learns why. A task still `waiting` is moved on
   * (queued, or failed with its dependency) in case its release was lost to an outage.
   */
  private async settleLost(taskId: string): Promise<TaskResult | null> {
    const waiting = await this.options.store.getTask(taskId);
    if (waiting?.state === 'waiting') {
      // Its dependencies may have finished while the store was down, so nobody released it.
      await advanceWaiting(this.queue, this.recorder, this.options.store, waiting, this.clock);
      return this.options.store.getTaskResult(taskId);
    }
    const job = await this.queue.getJob(taskId);
    if (!job && waiting?.state === 'queued') {
      // Recorded as queued but its job add was lost to an outage: add it again (idempotent by id).
      const { task } = waiting;
      await this.queue.add(
        task.type,
        { task, maxAttempts: task.maxAttempts },
        jobOptions(task, task.maxAttempts),
      );
      return null;
    }
    if (!job || (await job.getState()) !== 'failed') return null;
    const record = await this.options.store.getTask(taskId);
    if (!record) return null;
    const error = {
      code: 'TASK_FAILED',
      message: `The worker gave up on task ${taskId} without recording a result: ${job.failedReason}`,
      retryable: true,
    };
    const result = buildResult(record.task, {
      status: 'failed',
      error,
      attempts: job.attemptsMade,
      finishedAt: this.clock(),
    });
    const stored = await this.recorder.finish(record.task, result);
    await releaseDependents(this.queue, this.recorder, this.options.store, taskId, this.clock);
    return stored;
  }

  /** Answers within `timeoutMs` or throws QueueUnavailableError: what readiness checks ask. */
  async ping(timeoutMs = 2_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      // An offline queue would hold the command until Redis returns; the deadline answers instead.
      await Promise.race([this.connection.ping(), deadline]);
    } catch (error) {
      throw redisUnavailableError(this.options.redisUrl, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** BullMQ workers connected to this queue, in any process (0 means queued tasks wait for one). */
  async workerCount(): Promise<number> {
    return (await this.queue.getWorkers()).length;
  }

  getResult(taskId: string): Promise<TaskResult | null> {
    return this.options.store.getTaskResult(taskId);
  }

  getTask(taskId: string): Promise<TaskRecord | null> {
    return this.options.store.getTask(taskId);
  }

  list(filter?: TaskFilter): Promise<TaskRecord[]> {
    return this.options.store.listTasks(filter);
  }

  async cancel(taskId: string): Promise<boolean> {
    const record = await this.options.store.getTask(taskId);
    if (!record || !['waiting', 'queued', 'retrying'].includes(record.state)) return false;
    if (record.state !== 'waiting') {
      const job = await this.queue.getJob(taskId);
      // No job at all: its add was lost to an outage after the record said queued; nothing runs it.
      if (job) {
        const state = await job.getState();
        if (!['waiting', 'prioritized', 'delayed'].includes(state ?? '')) return false;
        // remove() refuses a job a worker holds the lock of, so a task that just started is not cancelled.
        const removed = await job.remove().then(
          () => true,
          () => false,
        );
        if (!removed) return false;
      }
    }
    const stored = await this.recorder.finish(record.task, buildCancelled(record, this.clock()));
    if (stored.status !== 'cancelled') return false;
    await releaseDependents(this.queue, this.recorder, this.options.store, taskId, this.clock);
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready.catch(() => {});
    await this.worker?.close();
    await this.queue.close();
    await this.connection.quit().catch(() => {});
  }
}
