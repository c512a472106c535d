import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.ChangeNotUnderstoodError');

/**
 * A founder's change to a spec could not be read into a new spec version: the offline reviser
 * understands a few phrasings only. Nothing was changed; `change` is the text as given.
 */
export class ChangeNotUnderstoodError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly change: string;

  constructor({ message, cause, change }: { message: string; cause?: unknown; change: string }) {
    super({ code: 'CHANGE_NOT_UNDERSTOOD', message, cause, retryable: false });
    this.name = 'ChangeNotUnderstoodError';
    this.change = change;
  }

  /** True for a ChangeNotUnderstoodError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is ChangeNotUnderstoodError {
    return hasMarker(error, MARKER);
  }
}
