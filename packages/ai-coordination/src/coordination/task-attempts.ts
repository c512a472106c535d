import {
  AllProvidersFailedError,
  type IProvider,
  type ProviderFailure,
  type TaskError,
} from '@startup-factory/contracts';

/**
 * The calls one task may make across its providers, the only retry budget of a task: `attempts`
 * (default 3) plus one for each network provider after the first, so a task against providers
 * that always fail makes at most that many calls, and every fallback is tried at least once. A
 * provider may be given fewer with `perProvider`. The offline drafter neither spends nor needs it.
 */
export class TaskAttempts {
  private left: number;

  constructor(
    private readonly order: readonly IProvider[],
    private readonly attempts: number,
    private readonly perProvider: Readonly<Record<string, number>> = {},
  ) {
    const network = order.filter((p) => !p.offline).length;
    this.left = attempts + Math.max(0, network - 1);
  }

  /** Calls the provider at `index` may make: its own limit, leaving one for each network provider after it. */
  shareOf(index: number): number {
    const provider = this.order[index] as IProvider;
    const own = Math.max(1, this.perProvider[provider.name] ?? this.attempts);
    if (provider.offline) return own;
    const later = this.order.slice(index + 1).filter((p) => !p.offline).length;
    return Math.max(1, Math.min(own, this.left - later));
  }

  spend(provider: IProvider, calls: number): void {
    if (!provider.offline) this.left -= calls;
  }
}

/**
 * The error of a task no provider completed. The attempts are spent, so it is never `retryable`
 * (no layer above retries it again); resuming the startup runs the task afresh. When every
 * provider answered but off-schema, it is INVALID_OUTPUT; otherwise ALL_PROVIDERS_FAILED, naming
 * each provider's last error.
 */
export function failedTaskError(taskType: string, failures: ProviderFailure[]): TaskError {
  if (failures.length === 0) {
    return {
      code: 'NO_PROVIDER',
      message: `No AI provider could take ${taskType}: set OPENAI_API_KEY or ANTHROPIC_API_KEY, or allow offline drafts (FACTORY_OFFLINE_FALLBACK=1).`,
      retryable: false,
    };
  }
  // Every provider failing the same deliberate way (off-schema answers, a change the offline
  // reviser cannot read) is that error, not a provider outage.
  const [first] = failures;
  if (first && first.code !== 'PROVIDER_ERROR' && failures.every((f) => f.code === first.code)) {
    const message = failures.map((f) => f.message).join(' ');
    return { code: first.code, message, retryable: false };
  }
  const error = AllProvidersFailedError.forTask(taskType, failures);
  return { code: error.code, message: error.message, retryable: false };
}
