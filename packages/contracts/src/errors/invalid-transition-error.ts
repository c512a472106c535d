import { FactoryError } from './factory-error';

/** A status change the transition table does not allow. */
export class InvalidTransitionError extends FactoryError {
  static override readonly code = 'INVALID_TRANSITION';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: InvalidTransitionError.code, message, cause });
    this.name = 'InvalidTransitionError';
  }
}
