import { NotFoundError, Task, type TaskRecord, type TaskResult } from '@startup-factory/contracts';
import { DelayedError, type Job, type Queue, UnrecoverableError, WaitingError } from 'bullmq';
import { isRetryable, RETRY_DEFAULTS, retryDelayMs } from './retry-policy';
import { TaskAdmission } from './task-admission';
import type { TaskQueueOptions } from './task-queue-options';
import { buildResult, TaskRecorder, toTaskError } from './task-recorder';

/** What a BullMQ job carries: the parsed task (dates as ISO strings) and its attempt budget. */
export interface TaskJobData {
  task: Task;
  maxAttempts: number;
}

/** How long a job waits before another look when a provider's concurrency is full. */
const PROVIDER_BUSY_DELAY_MS = 50;

/** Thrown to BullMQ when an attempt should be retried; the backoff strategy reads the delay from it. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryDelayMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** BullMQ backoff strategy for type 'factory': the delay the processor computed (Retry-After included). */
export function factoryBackoff(_attemptsMade: number, _type?: string, error?: Error): number {
  return error instanceof RetryLaterError ? error.retryDelayMs : RETRY_DEFAULTS.baseMs;
}

/** The result of a task cancelled before it ran. */
export function buildCancelled(record: TaskRecord, now: number): TaskResult {
  return buildResult(record.task, { status: 'cancelled', attempts: record.attempts, finishedAt: now });
}

/** Job options shared by every way a task enters the queue; jobId = task id makes adds idempotent. */
export function jobOptions(task: Task, maxAttempts: number) {
  return {
    jobId: task.id,
    priority: task.priority,
    attempts: maxAttempts,
    backoff: { type: 'factory' },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 1000 },
  };
}

/**
 * Moves tasks waiting on `taskId` forward: queued when every dependency succeeded, failed when one
 * did not. Runs in whichever process finished the dependency; adds are idempotent by job id.
 */
export async function releaseDependents(
  queue: Queue<TaskJobData>,
  recorder: TaskRecorder,
  store: TaskQueueOptions['store'],
  taskId: string,
  clock: () => number,
): Promise<void> {
  const waiting = await store.listTasks({ state: 'waiting' });
  for (const record of waiting.filter((r) => r.task.dependsOn.includes(taskId))) {
    await advanceWaiting(queue, recorder, store, record, clock);
  }
}

/** Queues or fails a waiting task once all its dependencies have results; no-op while some are missing. */
export async function advanceWaiting(
  queue: Queue<TaskJobData>,
  recorder: TaskRecorder,
  store: TaskQueueOptions['store'],
  record: TaskRecord,
  clock: () => number,
): Promise<void> {
  const results = await Promise.all(record.task.dependsOn.map((dep) => store.getTaskResult(dep)));
  if (results.some((r) => r === null)) return;
  // Settled meanwhile (cancelled with its abandoned run): nothing to move on.
  if (await store.getTaskResult(record.task.id)) return;
  const failed = results.find((r) => r?.status !== 'succeeded');
  if (failed) {
    const error = {
      ...toTaskError(
        new NotFoundError({
          message: `Dependency ${failed.taskId} ${failed.status}; task ${record.task.id} cannot run.`,
        }),
      ),
      code: 'DEPENDENCY_FAILED',
    };
    const result = buildResult(record.task, { status: 'failed', error, attempts: 0, finishedAt: clock() });
    await recorder.finish(record.task, result);
    await releaseDependents(queue, recorder, store, record.task.id, clock);
    return;
  }
  await recorder.saveState(record.task, 'queued', record.attempts, recorder.queuedEvent(record.task));
  const { task } = record;
  await queue.add(task.type, { task, maxAttempts: task.maxAttempts }, jobOptions(task, task.maxAttempts));
}

export interface JobProcessor {
  /** The function a BullMQ worker runs for each job: limits, quota, handler, retries and persistence. */
  process(job: Job<TaskJobData>, token?: string): Promise<unknown>;
  /** Aborts every handler in flight; their jobs go back to the queue for another worker, unchanged. */
  abortRunning(): void;
}

export function createJobProcessor(options: TaskQueueOptions & { queue: Queue<TaskJobData> }): JobProcessor {
  const clock = options.clock ?? Date.now;
  const running = new Set<AbortController>();
  let stopping = false;
  const recorder = new TaskRecorder(options.store, options.events, clock, options.onError);
  const admission = new TaskAdmission(options, clock);
  const { limiter, breaker } = admission;

  const finish = async (task: Task, result: TaskResult) => {
    const stored = await recorder.finish(task, result);
    await releaseDependents(options.queue, recorder, options.store, task.id, clock);
    return stored;
  };

  async function processTaskJob(job: Job<TaskJobData>, token?: string): Promise<unknown> {
    const task = Task.parse(job.data.task);
    // A worker that died after storing the result but before acking the job: do not run it twice.
    const existing = await options.store.getTaskResult(task.id);
    if (existing) {
      // A record moved on after it was settled (a release racing a cancel) must not stay open.
      const record = await options.store.getTask(task.id);
      if (record && record.state !== existing.status)
        await recorder.saveState(task, existing.status, existing.attempts);
      return existing.output;
    }

    const choice = admission.chooseProvider(task, clock());
    if ('blockedUntil' in choice) {
      const wait = Number.isFinite(choice.blockedUntil)
        ? choice.blockedUntil - clock()
        : PROVIDER_BUSY_DELAY_MS;
      await job.moveToDelayed(Date.now() + Math.max(1, wait), token);
      throw new DelayedError();
    }
    if (stopping) {
      // BullMQ may hand a closing worker one more job (a fetch already in flight, or the job this
      // worker just handed back): give it straight back rather than start what close would wait on.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const { provider } = choice;
    const attempt = job.attemptsMade + 1;
    const startedAt = clock();
    if (provider) limiter.start(provider, startedAt);
    const controller = new AbortController();
    running.add(controller);
    try {
      await admission.checkQuota(task.startupId);
      await recorder.saveState(task, 'running', attempt, recorder.startedEvent(task, attempt, provider));
      const dependencies: Record<string, TaskResult> = {};
      for (const dep of task.dependsOn) {
        const result = await options.store.getTaskResult(dep);
        if (result) dependencies[dep] = result;
      }
      controller.signal.throwIfAborted();
      const output = await options.handler(task, {
        attempt,
        provider,
        dependencies,
        signal: controller.signal,
      });
      if (provider) breaker.recordSuccess(provider);
      const base = { attempts: attempt, provider, startedAt, finishedAt: clock() };
      await finish(task, buildResult(task, { ...base, status: 'succeeded', output }));
      return output ?? null;
    } catch (error) {
      if (stopping && controller.signal.aborted) {
        // Shutting down is not the task's failure: hand the job back without spending an attempt.
        await recorder.saveState(task, 'queued', attempt - 1);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      const retryable = isRetryable(error);
      if (provider && retryable) breaker.recordFailure(provider, clock());
      const taskError = toTaskError(error);
      if (retryable && attempt < job.data.maxAttempts) {
        const delayMs = retryDelayMs(attempt, error, options.retry, options.random);
        // The store may be what failed: the retry must be scheduled even if recording it fails.
        await recorder
          .saveState(
            task,
            'retrying',
            attempt,
            recorder.retriedEvent(task, attempt, delayMs, taskError.message),
          )
          .catch((recordError) => options.onError?.(recordError));
        throw new RetryLaterError(taskError.message, delayMs);
      }
      const base = { attempts: attempt, provider, startedAt, finishedAt: clock() };
      // When even this write fails the job ends failed in BullMQ; the waiter settles the task row.
      await finish(task, buildResult(task, { ...base, status: 'failed', error: taskError }));
      throw new UnrecoverableError(taskError.message);
    } finally {
      running.delete(controller);
      if (provider) limiter.finish(provider);
    }
  }

  return {
    process: processTaskJob,
    abortRunning() {
      stopping = true;
      for (const controller of running) controller.abort(new Error('The worker is shutting down.'));
    },
  };
}
