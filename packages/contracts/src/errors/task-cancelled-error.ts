import { FactoryError } from './factory-error';

/** The task was cancelled before it finished. */
export class TaskCancelledError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'TASK_CANCELLED', message, cause });
    this.name = 'TaskCancelledError';
  }
}
