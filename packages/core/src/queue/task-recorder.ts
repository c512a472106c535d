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

  async saveState(task: Task, state: TaskState, attempts: number): Promise<void> {
    await this.store.saveTask({ task, state, attempts, updatedAt: new Date(this.clock()) });
  }

  async emit(event: FactoryEvent): Promise<void> {
    const stored = await this.store.appendEvent(event);
    // A live subscriber that fails must not fail the task; the durable copy is in the store.
    await this.events?.publish(stored).catch(this.onError);
  }

  queued(task: Task): Promise<void> {
    return this.emit({
      type: 'task.queued',
      startupId: task.startupId,
      at: new Date(this.clock()),
      taskId: task.id,
      taskType: task.type,
      priority: task.priority,
    });
  }

  started(task: Task, attempt: number, provider: string | undefined): Promise<void> {
    return this.emit({
      type: 'task.started',
      startupId: task.startupId,
      at: new Date(this.clock()),
      taskId: task.id,
      attempt,
      ...(provider ? { provider } : {}),
    });
  }

  retried(task: Task, attempt: number, delayMs: number, reason: string): Promise<void> {
    return this.emit({
      type: 'task.retried',
      startupId: task.startupId,
      at: new Date(this.clock()),
      taskId: task.id,
      attempt,
      delayMs,
      reason,
    });
  }

  /**
   * Saves the final result (first write wins, so a task finished twice by two workers keeps its
   * first result), the final state and the finished event; returns the result that is stored.
   * A store outage is retried with backoff, so a result paid for (an AI call) is not dropped.
   */
  async finish(task: Task, result: TaskResult): Promise<TaskResult> {
    // Set once our result landed, so a retry after a failed state write still settles the task row.
    let ours = false;
    return retryOnStoreOutage(async () => {
      ours = (await this.store.saveTaskResult(result)) || ours;
      if (!ours) return (await this.store.getTaskResult(task.id)) ?? result;
      await this.saveState(task, result.status, result.attempts);
      await this.emit({
        type: 'task.finished',
        startupId: task.startupId,
        at: new Date(this.clock()),
        taskId: task.id,
        status: result.status,
        durationMs: result.durationMs,
      });
      return result;
    });
  }
}
