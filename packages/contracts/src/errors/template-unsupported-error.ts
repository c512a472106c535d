import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.TemplateUnsupportedError');

/**
 * A template uses something the renderer would not reproduce exactly as cookiecutter does, so it
 * is refused before anything is written. `file`, `line` and `construct` say where and what.
 */
export class TemplateUnsupportedError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly file: string;
  readonly line: number | undefined;
  readonly construct: string;

  constructor({
    file,
    line,
    construct,
    message,
    cause,
  }: { file: string; line?: number; construct: string; message: string; cause?: unknown }) {
    super({ code: 'TEMPLATE_UNSUPPORTED', message, cause });
    this.name = 'TemplateUnsupportedError';
    this.file = file;
    this.line = line;
    this.construct = construct;
  }

  /** True for a TemplateUnsupportedError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is TemplateUnsupportedError {
    return hasMarker(error, MARKER);
  }
}
