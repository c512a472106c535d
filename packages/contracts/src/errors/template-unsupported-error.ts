import { FactoryError } from './factory-error';

/**
 * A template uses something the renderer would not reproduce exactly as cookiecutter does, so it
 * is refused before anything is written. `file`, `line` and `construct` say where and what.
 */
export class TemplateUnsupportedError extends FactoryError {
  static override readonly code = 'TEMPLATE_UNSUPPORTED';
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
    super({ code: TemplateUnsupportedError.code, message, cause });
    this.name = 'TemplateUnsupportedError';
    this.file = file;
    this.line = line;
    this.construct = construct;
  }
}
