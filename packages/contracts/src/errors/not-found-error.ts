import { FactoryError } from './factory-error';

/** The startup, task or record asked for does not exist. */
export class NotFoundError extends FactoryError {
  static override readonly code = 'NOT_FOUND';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: NotFoundError.code, message, cause });
    this.name = 'NotFoundError';
  }
}
