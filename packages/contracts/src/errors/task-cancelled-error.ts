import { FactoryError } from './factory-error';

/** The task was cancelled before it finished. */
export class TaskCancelledError extends FactoryError {
  static override readonly code = 'TASK_CANCELLED';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: TaskCancelledError.code, message, cause });
    this.name = 'TaskCancelledError';
  }
}
