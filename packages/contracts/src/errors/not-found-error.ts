import { FactoryError } from './factory-error';

/** The startup, task or record asked for does not exist. */
export class NotFoundError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'NOT_FOUND', message, cause });
    this.name = 'NotFoundError';
  }
}
