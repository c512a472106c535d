import { FactoryError } from './factory-error';

/** No template by that name; list them with `factory templates`. */
export class TemplateNotFoundError extends FactoryError {
  static override readonly code = 'TEMPLATE_NOT_FOUND';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: TemplateNotFoundError.code, message, cause });
    this.name = 'TemplateNotFoundError';
  }
}
