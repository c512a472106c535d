import { FactoryError } from './factory-error';

/** Waiting for a task's result took longer than the caller allowed; the task itself may still finish. */
export class TaskTimeoutError extends FactoryError {
  static override readonly code = 'TASK_TIMEOUT';
  readonly taskId: string;
  readonly timeoutMs: number;

  constructor({
    message,
    cause,
    taskId,
    timeoutMs,
  }: { message: string; cause?: unknown; taskId: string; timeoutMs: number }) {
    super({ code: TaskTimeoutError.code, message, cause, retryable: true });
    this.name = 'TaskTimeoutError';
    this.taskId = taskId;
    this.timeoutMs = timeoutMs;
  }
}
