import type { Task, TaskInput, TaskRecord, TaskResult } from '../schemas/task';
import type { TaskFilter } from './state-store';

export interface TaskRunContext {
  attempt: number;
  /** The provider the router chose for this attempt, when the queue routes by provider. */
  provider: string | undefined;
  /** Results of the tasks this one depends on, by task id. */
  dependencies: Record<string, TaskResult>;
  signal: AbortSignal;
}

/** What a queue calls to run a task; throw ProviderError (with `permanent`/`retryAfterMs`) to steer retries. */
export type TaskHandler = (task: Task, context: TaskRunContext) => Promise<unknown>;

/** Priority queue of tasks with limits, retries and dependencies; results are persisted. */
export interface ITaskQueue {
  /** Queues the task (or holds it until its dependencies finish) and returns its id. */
  submit(task: TaskInput): Promise<string>;
  /** Waits for the task's final result. */
  waitForResult(taskId: string, options?: { timeoutMs?: number }): Promise<TaskResult>;
  /** The stored result, or null while the task has none. */
  getResult(taskId: string): Promise<TaskResult | null>;
  getTask(taskId: string): Promise<TaskRecord | null>;
  /** Cancels a task that has not started; false when it already runs or finished. */
  cancel(taskId: string): Promise<boolean>;
  list(filter?: TaskFilter): Promise<TaskRecord[]>;
  /**
   * Optional: how many tasks this process runs at once from now on (adaptive concurrency).
   * Lowering never aborts running tasks; it only holds back the next dispatches.
   */
  setConcurrency?(n: number): void;
  close(): Promise<void>;
}
