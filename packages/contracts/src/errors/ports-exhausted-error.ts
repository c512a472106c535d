import { FactoryError } from './factory-error';

/** No free ports are left in the configured range. */
export class PortsExhaustedError extends FactoryError {
  static override readonly code = 'PORTS_EXHAUSTED';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: PortsExhaustedError.code, message, cause, retryable: true });
    this.name = 'PortsExhaustedError';
  }
}
