import {
  ConflictError,
  DEFAULTS,
  type FactoryEvent,
  type ITaskQueue,
  NotFoundError,
  parseInput,
  Task,
  TaskCancelledError,
  type TaskFilter,
  type TaskInput,
  type TaskRecord,
  type TaskResult,
  type TaskState,
} from '@startup-factory/contracts';
import { PriorityHeap } from './priority-heap';
import { ResultWaiters } from './result-waiters';
import { isRetryable, RETRY_DEFAULTS, retryDelayMs } from './retry-policy';
import { TaskAdmission } from './task-admission';
import type { TaskQueueOptions } from './task-queue-options';
import { buildResult, TaskRecorder, toTaskError } from './task-recorder';
import { waitForStoredResult } from './wait-for-result';

interface Entry {
  task: Task;
  state: TaskState;
  attempts: number;
  maxAttempts: number;
  /** Dependencies that have not finished yet. */
  pending: Set<string>;
  /** Serialises this task's writes so the store sees its state changes in order. */
  writes: Promise<void>;
  /**
   * The first write (the record inserted only if its id is new), once issued: false when the store
   * held the id already, so the submit was a duplicate.
   */
  created?: Promise<boolean>;
  /** An attempt's started event not written yet (written with the task's next record). */
  unsavedStart?: FactoryEvent;
  controller?: AbortController;
  retryTimer?: NodeJS.Timeout;
  startedAt?: number;
}

/** The embedded engine: a priority heap with global, per-provider and per-startup limits, retries and a DAG. */
export class InProcessTaskQueue implements ITaskQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly results = new Map<string, TaskResult>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly waiters = new ResultWaiters();
  private readonly heap = new PriorityHeap<Entry>();
  private readonly admission: TaskAdmission;
  private readonly recorder: TaskRecorder;
  private readonly inFlight = new Set<Promise<void>>();
  private concurrency: number;
  private readonly clock: () => number;
  private wakeTimer: NodeJS.Timeout | undefined;
  private running = 0;
  private closed = false;

  constructor(private readonly options: TaskQueueOptions) {
    this.concurrency = options.concurrency ?? DEFAULTS.taskConcurrency;
    this.clock = options.clock ?? Date.now;
    this.admission = new TaskAdmission(options, this.clock);
    this.recorder = new TaskRecorder(options.store, options.events, this.clock, options.onError);
  }

  /** Tasks run at once from the next dispatch on; lowering lets running tasks finish. */
  setConcurrency(n: number): void {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`concurrency must be a whole number >= 1, got ${n}`);
    this.concurrency = n;
    this.pump();
  }

  get currentConcurrency(): number {
    return this.concurrency;
  }

  async submit(input: TaskInput): Promise<string> {
    if (this.closed)
      throw new ConflictError({ message: 'The task queue is closed; create a new one to submit tasks.' });
    const maxAttempts = input.maxAttempts ?? this.options.retry?.attempts ?? RETRY_DEFAULTS.attempts;
    const createdAt = input.createdAt ?? new Date(this.clock());
    const task = parseInput(Task, { ...input, maxAttempts, createdAt }, 'task');
    const duplicate = () =>
      new ConflictError({ message: `Task ${task.id} was already submitted; give each task a unique id.` });
    // A record in the store from another run or process is caught by the first write, insert-only.
    if (this.entries.has(task.id) || this.results.has(task.id)) throw duplicate();
    for (const dep of task.dependsOn) {
      if (this.entries.has(dep) || this.results.has(dep)) continue;
      const stored = await this.options.store.getTaskResult(dep);
      if (!stored)
        throw new NotFoundError({
          message: `Task ${task.id} depends on unknown task ${dep}; submit it first.`,
        });
      this.results.set(dep, stored);
    }
    if (this.entries.has(task.id)) throw duplicate();

    const entry: Entry = {
      task,
      state: 'waiting',
      attempts: 0,
      maxAttempts: task.maxAttempts,
      pending: new Set(task.dependsOn.filter((dep) => this.entries.has(dep))),
      writes: Promise.resolve(),
    };
    this.entries.set(task.id, entry);
    for (const dep of entry.pending) this.dependentsOf(dep).add(task.id);
    const failedDep = task.dependsOn.find(
      (dep) => !entry.pending.has(dep) && this.results.get(dep)?.status !== 'succeeded',
    );
    if (failedDep) {
      this.persist(entry, 'waiting');
      this.failForDependency(entry, failedDep);
    } else if (entry.pending.size > 0) {
      this.persist(entry, 'waiting');
    } else {
      this.enqueue(entry);
    }
    if (!(await entry.created)) {
      this.dropDuplicate(entry);
      throw duplicate();
    }
    await entry.writes;
    return task.id;
  }

  /** Forgets an entry whose id the store held already; what waits on it fails as on a failed dependency. */
  private dropDuplicate(entry: Entry): void {
    const id = entry.task.id;
    this.heap.remove((e) => e === entry);
    this.entries.delete(id);
    for (const dependentId of this.dependents.get(id) ?? []) {
      const dependent = this.entries.get(dependentId);
      if (dependent?.state === 'waiting') this.failForDependency(dependent, id);
    }
    this.dependents.delete(id);
  }

  async waitForResult(taskId: string, options: { timeoutMs?: number } = {}): Promise<TaskResult> {
    const known = this.results.get(taskId);
    if (known) return known;
    if (!this.entries.has(taskId))
      return waitForStoredResult(this.options.store, taskId, { timeoutMs: options.timeoutMs });
    return this.waiters.wait(taskId, options.timeoutMs);
  }

  async getResult(taskId: string): Promise<TaskResult | null> {
    return this.results.get(taskId) ?? this.options.store.getTaskResult(taskId);
  }

  getTask(taskId: string): Promise<TaskRecord | null> {
    return this.options.store.getTask(taskId);
  }

  list(filter?: TaskFilter): Promise<TaskRecord[]> {
    return this.options.store.listTasks(filter);
  }

  async cancel(taskId: string): Promise<boolean> {
    const entry = this.entries.get(taskId);
    if (!entry || !['waiting', 'queued', 'retrying'].includes(entry.state)) return false;
    this.heap.remove((e) => e === entry);
    clearTimeout(entry.retryTimer);
    this.finish(entry, 'cancelled', {});
    await entry.writes;
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.wakeTimer);
    for (const entry of this.entries.values()) {
      clearTimeout(entry.retryTimer);
      entry.controller?.abort(new TaskCancelledError({ message: 'The task queue was closed.' }));
    }
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([...this.entries.values()].map((e) => e.writes));
  }

  private dependentsOf(taskId: string): Set<string> {
    let set = this.dependents.get(taskId);
    if (!set) {
      set = new Set();
      this.dependents.set(taskId, set);
    }
    return set;
  }

  /**
   * Records the entry's new state and the events reporting it, after the entry's earlier writes;
   * its first record is inserted only if the id is new (`entry.created` tells).
   */
  private persist(entry: Entry, state: TaskState, events: () => FactoryEvent[] = () => []): void {
    entry.state = state;
    const attempts = entry.attempts;
    const onlyNew = entry.created === undefined;
    const written = entry.writes
      .then(() => this.recorder.saveState(entry.task, state, attempts, events(), { onlyNew }))
      .catch((error) => {
        this.options.onError?.(error);
        return true;
      });
    entry.created ??= written;
    entry.writes = written.then(() => {});
  }

  /**
   * Queues the entry; one the pump starts at once is written once, running, with its queued and
   * started events, instead of a queued record and then a running one.
   */
  private enqueue(entry: Entry): void {
    const queued = this.recorder.queuedEvent(entry.task);
    entry.state = 'queued';
    this.heap.push(entry, entry.task.priority);
    this.pump();
    // Set by start() when the pump took the entry; the attempt finds it gone and writes nothing more.
    const started = entry.unsavedStart;
    entry.unsavedStart = undefined;
    this.persist(entry, started ? 'running' : 'queued', () => (started ? [queued, started] : [queued]));
  }

  private pump(): void {
    if (this.closed) return;
    clearTimeout(this.wakeTimer);
    const deferred: Entry[] = [];
    let wakeAt = Number.POSITIVE_INFINITY;
    const now = this.clock();
    while (this.running < this.concurrency && this.heap.size > 0) {
      const entry = this.heap.pop();
      if (entry?.state !== 'queued') continue;
      const choice = this.admission.chooseProvider(entry.task, now);
      if ('blockedUntil' in choice) {
        deferred.push(entry);
        wakeAt = Math.min(wakeAt, choice.blockedUntil);
        continue;
      }
      this.start(entry, choice.provider);
    }
    for (const entry of deferred) this.heap.push(entry, entry.task.priority - 0.5);
    if (Number.isFinite(wakeAt)) this.wakeTimer = setTimeout(() => this.pump(), Math.max(1, wakeAt - now));
  }

  private start(entry: Entry, provider: string | undefined): void {
    this.running += 1;
    entry.attempts += 1;
    entry.state = 'running';
    entry.controller = new AbortController();
    entry.unsavedStart = this.recorder.startedEvent(entry.task, entry.attempts, provider);
    if (provider) this.admission.limiter.start(provider, this.clock());
    const run = this.attempt(entry, provider).finally(() => {
      this.running -= 1;
      if (provider) this.admission.limiter.finish(provider);
      this.inFlight.delete(run);
      this.pump();
    });
    this.inFlight.add(run);
  }

  private async attempt(entry: Entry, provider: string | undefined): Promise<void> {
    const { task } = entry;
    try {
      await this.admission.checkQuota(task.startupId);
      entry.startedAt ??= this.clock();
      const started = entry.unsavedStart;
      entry.unsavedStart = undefined;
      if (started) this.persist(entry, 'running', () => [started]);
      await entry.writes;
      // A duplicate submit (its id stored already) never runs; submit throws for it.
      if (!(await entry.created)) return;
      const dependencies = Object.fromEntries(
        task.dependsOn.flatMap((dep) => {
          const result = this.results.get(dep);
          return result ? [[dep, result]] : [];
        }),
      );
      const signal = (entry.controller as AbortController).signal;
      signal.throwIfAborted();
      const output = await this.options.handler(task, {
        attempt: entry.attempts,
        provider,
        dependencies,
        signal,
      });
      if (provider) this.admission.breaker.recordSuccess(provider);
      this.finish(entry, 'succeeded', { output, provider });
    } catch (error) {
      if (this.closed) {
        this.persist(entry, 'queued');
        return;
      }
      const retryable = isRetryable(error);
      if (provider && retryable) this.admission.breaker.recordFailure(provider, this.clock());
      if (retryable && entry.attempts < entry.maxAttempts) {
        this.scheduleRetry(entry, error);
      } else {
        this.finish(entry, 'failed', { error, provider });
      }
    }
  }

  private scheduleRetry(entry: Entry, error: unknown): void {
    const delayMs = retryDelayMs(entry.attempts, error, this.options.retry, this.options.random);
    const reason = toTaskError(error).message;
    this.persist(entry, 'retrying', () => [
      this.recorder.retriedEvent(entry.task, entry.attempts, delayMs, reason),
    ]);
    const notBefore = Date.now() + delayMs;
    const requeue = () => {
      if (entry.state !== 'retrying' || this.closed) return;
      // Node's timers can fire a few ms early against the wall clock; Retry-After is a floor.
      const early = notBefore - Date.now();
      if (early > 0) {
        entry.retryTimer = setTimeout(requeue, early);
        return;
      }
      entry.state = 'queued';
      this.heap.push(entry, entry.task.priority);
      this.pump();
    };
    entry.retryTimer = setTimeout(requeue, delayMs);
  }

  private failForDependency(entry: Entry, depId: string): void {
    const reason = this.results.get(depId)?.status ?? 'failed';
    this.finish(entry, 'failed', {
      error: new NotFoundError({
        message: `Dependency ${depId} ${reason}; task ${entry.task.id} cannot run.`,
      }),
      code: 'DEPENDENCY_FAILED',
    });
  }

  private finish(
    entry: Entry,
    status: TaskResult['status'],
    {
      output,
      error,
      provider,
      code,
    }: { output?: unknown; error?: unknown; provider?: string; code?: string },
  ): void {
    entry.state = status;
    const taskError = error === undefined ? undefined : { ...toTaskError(error), ...(code ? { code } : {}) };
    const result = buildResult(entry.task, {
      status,
      output,
      error: taskError,
      attempts: entry.attempts,
      provider,
      startedAt: entry.startedAt,
      finishedAt: this.clock(),
    });
    entry.writes = entry.writes
      .then(() => this.recorder.finish(entry.task, result))
      .catch((error) => {
        this.options.onError?.(error);
        return result;
      })
      .then((stored) => this.settle(entry, stored));
  }

  /** After the result is stored: wake waiters and release or fail the dependents. */
  private settle(entry: Entry, result: TaskResult): void {
    const id = entry.task.id;
    this.results.set(id, result);
    this.entries.delete(id);
    this.waiters.resolve(id, result);
    const dependents = this.dependents.get(id) ?? new Set<string>();
    this.dependents.delete(id);
    for (const dependentId of dependents) {
      const dependent = this.entries.get(dependentId);
      if (dependent?.state !== 'waiting') continue;
      dependent.pending.delete(id);
      if (result.status !== 'succeeded') this.failForDependency(dependent, id);
      else if (dependent.pending.size === 0) this.enqueue(dependent);
    }
  }
}
