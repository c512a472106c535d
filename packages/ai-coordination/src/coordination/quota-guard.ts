import { type APIQuota, type IStateStore, QuotaExceededError } from '@startup-factory/contracts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Throws QuotaExceededError when one more call would pass the startup's calls-per-hour limit, or
 * when its spend in the last day plus what this call may cost (`estimatedCostUsd`) would pass the
 * daily cost limit. Runs before every call, so a refused call never reaches the provider.
 */
export async function assertWithinQuota(
  store: IStateStore,
  startupId: string,
  quota: APIQuota,
  now: Date,
  estimatedCostUsd = 0,
): Promise<void> {
  const hour = await store.usageSince(startupId, new Date(now.getTime() - HOUR_MS));
  if (hour.calls + 1 > quota.callsPerHour) {
    throw new QuotaExceededError({
      startupId,
      limit: 'callsPerHour',
      message: `Startup ${startupId} has made ${hour.calls} AI calls in the last hour, its limit is ${quota.callsPerHour}. Wait, or raise apiQuota.callsPerHour in its allocation.`,
    });
  }
  const day = await store.usageSince(startupId, new Date(now.getTime() - DAY_MS));
  if (day.costUsd >= quota.costPerDayUsd || day.costUsd + estimatedCostUsd > quota.costPerDayUsd) {
    const next = estimatedCostUsd > 0 ? `, the next call may cost up to $${estimatedCostUsd.toFixed(4)}` : '';
    throw new QuotaExceededError({
      startupId,
      limit: 'costPerDayUsd',
      message: `Startup ${startupId} has spent $${day.costUsd.toFixed(4)} on AI in the last day${next}, and its limit is $${quota.costPerDayUsd}. Wait, or raise apiQuota.costPerDayUsd in its allocation.`,
    });
  }
}
