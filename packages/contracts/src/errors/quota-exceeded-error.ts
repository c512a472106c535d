import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.QuotaExceededError');

/** A per-startup AI quota (calls per hour or cost per day) would be exceeded; nothing was sent. */
export class QuotaExceededError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly startupId: string;
  readonly limit: 'callsPerHour' | 'costPerDayUsd';

  constructor({
    message,
    cause,
    startupId,
    limit,
  }: { message: string; cause?: unknown; startupId: string; limit: 'callsPerHour' | 'costPerDayUsd' }) {
    super({ code: 'QUOTA_EXCEEDED', message, cause });
    this.name = 'QuotaExceededError';
    this.startupId = startupId;
    this.limit = limit;
  }

  /** True for a QuotaExceededError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is QuotaExceededError {
    return hasMarker(error, MARKER);
  }
}
