import { FactoryError } from './factory-error';

/** A per-startup AI quota (calls per hour or cost per day) would be exceeded; nothing was sent. */
export class QuotaExceededError extends FactoryError {
  static override readonly code = 'QUOTA_EXCEEDED';
  readonly startupId: string;
  readonly limit: 'callsPerHour' | 'costPerDayUsd';

  constructor({
    message,
    cause,
    startupId,
    limit,
  }: { message: string; cause?: unknown; startupId: string; limit: 'callsPerHour' | 'costPerDayUsd' }) {
    super({ code: QuotaExceededError.code, message, cause });
    this.name = 'QuotaExceededError';
    this.startupId = startupId;
    this.limit = limit;
  }
}
