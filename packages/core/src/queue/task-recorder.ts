import {
  FactoryError,
  type FactoryEvent,
  type IEventBus,
  type IStateStore,
  type Task,
  type TaskError,
  type TaskResult,
  type TaskState,
} from '@startup-factory/contracts';
import { retryOnStoreOutage } from '../store/retry-on-store-outage';
import { writesWithEvents } from '../store/writes-with-events';
import { isRetryable } from './retry-policy';

/** Turns whatever a handler threw into the stored error shape; messages only, never causes. */
export function toTaskError(error: unknown): TaskError {
  if (FactoryError.isInstance(error)) {
    return { code: error.code, message: error.message, retryable: isRetryable(error) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'TASK_FAILED', message, retryable: isRetryable(error) };
}

export interface ResultFields {
  status: TaskResult['status'];
  output?: unknown;
  error?: TaskError;
  attempts: number;
  provider?: string | undefined;
  startedAt?: number | undefined;
  finishedAt: number;
}

export function buildResult(task: Task, fields: ResultFields): TaskResult {
  const result: TaskResult = {
    taskId: task.id,
    startupId: task.startupId,
    status: fields.status,
    output: fields.output ?? null,
    attempts: fields.attempts,
    finishedAt: new Date(fields.finishedAt),
    durationMs: fields.startedAt === undefined ? 0 : Math.max(0, fields.finishedAt - fields.startedAt),
  };
  if (fields.error) result.error = fields.error;
  if (fields.provider) result.provider = fields.provider;
  if (fields.startedAt !== undefined) result.startedAt = new Date(fields.startedAt);
  return result;
}

/** Persists task state changes and events: every change goes to the store first, then to the live bus. */
export class TaskRecorder {
  constructor(
    private readonly store: IStateStore,
    private readonly events: IEventBus | undefined,
    private readonly clock: () => number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Saves the task's state and the events that report it, in one write where the store can. With
   * `onlyNew` (a submitted task's first record), false, writing nothing, when the id is taken.
   */
  async saveState(
    task: Task,
    state: TaskState,
    attempts: number,
    event?: FactoryEvent | readonly FactoryEvent[],
    { onlyNew = false }: { onlyNew?: boolean } = {},
  ): Promise<boolean> {
    const record = { task, state, attempts, updatedAt: new Date(this.clock()) };
    const events = event === undefined ? [] : 'type' in event ? [event] : event;
    if (writesWithEvents(this.store)) {
      const stored = await this.store.saveTaskWithEvents(record, events, { onlyNew });
      for (const e of stored ?? []) await this.published(e);
      return stored !== null;
    }
    if (onlyNew && (await this.store.getTask(task.id))) return false;
    await this.store.saveTask(record);
    for (const e of events) await this.emit(e);
    return true;
  }

  async emit(event: FactoryEvent): Promise<void> {
    await this.published(await this.store.appendEvent(event));
  }

  private async published(stored: FactoryEvent): Promise<void> {
    // A live subscriber that fails must not fail the task; the durable copy is in the store.
    await this.events?.publish(stored).catch(this.onError);
  }

  queuedEvent(task: Task): FactoryEvent {
    return {
      type: 'task.queued',
      startupId: task.startupId,
      at: new Date(this.clock()),
      taskId: task.id,
      taskType: task.type,
      priority: task.priority,
    };
  }

  startedEvent(task: Task, attempt: number, provider: string | undefined): FactoryEvent {
    return {
      type: 'task.started',
      startupId: task.startupId,
      at: new Date(this.clock()),
      taskId: task.id,
      attempt,
      ...(provider ? { provider } : {}),
    };
  }

  retriedEvent(task: Task, attempt: number, delayMs: number, reason: string): FactoryEvent {
    return {
      type: 'task.retried',
      startupId: task.startupId,
      at: new Date(this.clock()),
      taskId: task.id,
      attempt,
      delayMs,
      reason,
    };
  }

  /**
   * Saves the final result (first write wins, so a task finished twice by two workers keeps its
   * first result), the final state and the finished event; returns the result that is stored.
   * A store outage is retried with backoff, so a result paid for (an AI call) is not dropped.
   */
  async finish(task: Task, result: TaskResult): Promise<TaskResult> {
    // Set once our result landed, so a retry after a failed state write still settles the task row.
    let ours = false;
    const finished = (): FactoryEvent => ({
      type: 'task.finished',
      startupId: task.startupId,
      at: new Date(this.clock()),
      taskId: task.id,
      status: result.status,
      durationMs: result.durationMs,
    });
    const store = this.store;
    if (writesWithEvents(store)) {
      // One statement: result, final state and event land together or not at all, so a retry is whole.
      return retryOnStoreOutage(async () => {
        const record = {
          task,
          state: result.status,
          attempts: result.attempts,
          updatedAt: new Date(this.clock()),
        };
        const event = await store.finishTask(result, record, finished());
        if (!event) return (await store.getTaskResult(task.id)) ?? result;
        await this.published(event);
        return result;
      });
    }
    return retryOnStoreOutage(async () => {
      ours = (await this.store.saveTaskResult(result)) || ours;
      if (!ours) return (await this.store.getTaskResult(task.id)) ?? result;
      await this.saveState(task, result.status, result.attempts, finished());
      return result;
    });
  }
}
