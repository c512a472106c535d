import { QuotaExceededError, type Task } from '@startup-factory/contracts';
import { CircuitBreaker } from './circuit-breaker';
import { ProviderLimiter } from './provider-limiter';
import type { TaskQueueOptions } from './task-queue-options';

const HOUR = 3_600_000;

export type ProviderChoice = { provider: string | undefined } | { blockedUntil: number };

/**
 * What decides whether a task may start now: provider circuits and limits, and the startup's
 * calls-per-hour quota. Both engines use one per process.
 */
export class TaskAdmission {
  readonly limiter: ProviderLimiter;
  readonly breaker: CircuitBreaker;
  private readonly callsByStartup = new Map<string, number[]>();

  constructor(
    private readonly options: Pick<
      TaskQueueOptions,
      'providersFor' | 'providerLimits' | 'circuitBreaker' | 'quotaFor' | 'store'
    >,
    private readonly clock: () => number,
  ) {
    this.limiter = new ProviderLimiter(options.providerLimits);
    this.breaker = new CircuitBreaker(options.circuitBreaker);
  }

  /** The first provider in router order whose circuit is closed and whose limits allow a call now. */
  chooseProvider(task: Task, now: number): ProviderChoice {
    const candidates = this.options.providersFor?.(task) ?? (task.provider ? [task.provider] : []);
    if (candidates.length === 0) return { provider: undefined };
    let blockedUntil = Number.POSITIVE_INFINITY;
    for (const provider of candidates) {
      if (this.breaker.isOpen(provider, now)) {
        blockedUntil = Math.min(blockedUntil, this.breaker.reopensAt(provider));
        continue;
      }
      const at = this.limiter.availableAt(provider, now);
      if (at === 0) return { provider };
      blockedUntil = Math.min(blockedUntil, at);
    }
    return { blockedUntil };
  }

  /**
   * Throws QuotaExceededError when the startup has used its calls this hour: the larger of this
   * process's own count and the usage the store recorded (from every process) is what counts.
   */
  async checkQuota(startupId: string): Promise<void> {
    const quota = await this.options.quotaFor?.(startupId);
    if (!quota) return;
    const now = this.clock();
    const mine = (this.callsByStartup.get(startupId) ?? []).filter((t) => t > now - HOUR);
    const usage = await this.options.store.usageSince(startupId, new Date(now - HOUR));
    if (Math.max(mine.length, usage.calls) >= quota.callsPerHour) {
      throw new QuotaExceededError({
        message: `Startup ${startupId} used its ${quota.callsPerHour} calls for this hour; raise its quota or wait.`,
        startupId,
        limit: 'callsPerHour',
      });
    }
    mine.push(now);
    this.callsByStartup.set(startupId, mine);
  }
}
