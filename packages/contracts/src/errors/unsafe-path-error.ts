import { FactoryError } from './factory-error';

/** A path would leave the folder it must stay in. */
export class UnsafePathError extends FactoryError {
  static override readonly code = 'UNSAFE_PATH';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: UnsafePathError.code, message, cause });
    this.name = 'UnsafePathError';
  }
}
