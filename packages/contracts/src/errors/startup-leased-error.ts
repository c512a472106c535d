import { FactoryError } from './factory-error';

/**
 * Another live process runs this startup and holds its lease; it may be taken over only once that
 * process is gone or its lease has expired.
 */
export class StartupLeasedError extends FactoryError {
  static override readonly code = 'STARTUP_LEASED';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: StartupLeasedError.code, message, cause, retryable: true });
    this.name = 'StartupLeasedError';
  }
}
