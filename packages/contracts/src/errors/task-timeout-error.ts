import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.TaskTimeoutError');

/** Waiting for a task's result took longer than the caller allowed; the task itself may still finish. */
export class TaskTimeoutError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly taskId: string;
  readonly timeoutMs: number;

  constructor({
    message,
    cause,
    taskId,
    timeoutMs,
  }: { message: string; cause?: unknown; taskId: string; timeoutMs: number }) {
    super({ code: 'TASK_TIMEOUT', message, cause, retryable: true });
    this.name = 'TaskTimeoutError';
    this.taskId = taskId;
    this.timeoutMs = timeoutMs;
  }

  /** True for a TaskTimeoutError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is TaskTimeoutError {
    return hasMarker(error, MARKER);
  }
}
