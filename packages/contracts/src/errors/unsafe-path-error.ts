import { FactoryError } from './factory-error';

/** A path would leave the folder it must stay in. */
export class UnsafePathError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'UNSAFE_PATH', message, cause });
    this.name = 'UnsafePathError';
  }
}
