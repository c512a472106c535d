import { FactoryError } from './factory-error';

/** The thing already exists (a duplicate startup name, a project folder already there). */
export class ConflictError extends FactoryError {
  static override readonly code = 'CONFLICT';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: ConflictError.code, message, cause });
    this.name = 'ConflictError';
  }
}
