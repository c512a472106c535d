import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.PortsExhaustedError');

/** No free ports are left in the configured range. */
export class PortsExhaustedError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'PORTS_EXHAUSTED', message, cause, retryable: true });
    this.name = 'PortsExhaustedError';
  }

  /** True for a PortsExhaustedError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is PortsExhaustedError {
    return hasMarker(error, MARKER);
  }
}
