import { FactoryError } from './factory-error';

/** No template by that name; list them with `factory templates`. */
export class TemplateNotFoundError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'TEMPLATE_NOT_FOUND', message, cause });
    this.name = 'TemplateNotFoundError';
  }
}
