import { FactoryError } from './factory-error';

/**
 * A founder's change to a spec could not be read into a new spec version: the offline reviser
 * understands a few phrasings only. Nothing was changed; `change` is the text as given.
 */
export class ChangeNotUnderstoodError extends FactoryError {
  static override readonly code = 'CHANGE_NOT_UNDERSTOOD';
  readonly change: string;

  constructor({ message, cause, change }: { message: string; cause?: unknown; change: string }) {
    super({ code: ChangeNotUnderstoodError.code, message, cause, retryable: false });
    this.name = 'ChangeNotUnderstoodError';
    this.change = change;
  }
}
