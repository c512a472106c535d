import { FactoryError } from './factory-error';

/** A status change the transition table does not allow. */
export class InvalidTransitionError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'INVALID_TRANSITION', message, cause });
    this.name = 'InvalidTransitionError';
  }
}
