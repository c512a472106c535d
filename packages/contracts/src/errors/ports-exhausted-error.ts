import { FactoryError } from './factory-error';

/** No free ports are left in the configured range. */
export class PortsExhaustedError extends FactoryError {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'PORTS_EXHAUSTED', message, cause, retryable: true });
    this.name = 'PortsExhaustedError';
  }
}
