import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.TaskCancelledError');

/** The task was cancelled before it finished. */
export class TaskCancelledError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'TASK_CANCELLED', message, cause });
    this.name = 'TaskCancelledError';
  }

  /** True for a TaskCancelledError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is TaskCancelledError {
    return hasMarker(error, MARKER);
  }
}
