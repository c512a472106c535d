import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.TemplateNotFoundError');

/** No template by that name; list them with `factory templates`. */
export class TemplateNotFoundError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'TEMPLATE_NOT_FOUND', message, cause });
    this.name = 'TemplateNotFoundError';
  }

  /** True for a TemplateNotFoundError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is TemplateNotFoundError {
    return hasMarker(error, MARKER);
  }
}
