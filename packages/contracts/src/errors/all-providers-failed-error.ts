import { FactoryError } from './factory-error';

/** A provider's message as one clause: trimmed, without its final period, at most 300 characters. */
const brief = (message: string) => {
  const text = message.trim().replace(/\.$/, '');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
};

/** The last error one provider gave a task. */
export interface ProviderFailure {
  provider: string;
  /** Stable code of that error: PROVIDER_ERROR, INVALID_OUTPUT, … */
  code: string;
  message: string;
}

/**
 * Every configured AI provider failed a task, each after its share of the task's attempts. Nothing
 * retries it further (`retryable` is false: the attempts are spent), but the startup is resumable:
 * resuming runs the task again with a fresh budget. Offline drafts never replace real providers
 * unless the user allows the fallback.
 */
export class AllProvidersFailedError extends FactoryError {
  static override readonly code = 'ALL_PROVIDERS_FAILED';
  readonly taskType: string;
  readonly failures: ProviderFailure[];
  /** Resuming the startup runs the task again. */
  readonly resumable = true;

  constructor({
    message,
    cause,
    taskType,
    failures,
  }: { message: string; cause?: unknown; taskType: string; failures: ProviderFailure[] }) {
    super({ code: AllProvidersFailedError.code, message, cause, retryable: false });
    this.name = 'AllProvidersFailedError';
    this.taskType = taskType;
    this.failures = failures;
  }

  /** The error for a task, its message naming each provider's last error and what to do. */
  static forTask(taskType: string, failures: ProviderFailure[]): AllProvidersFailedError {
    const each = failures.map((f) => `${f.provider}: ${brief(f.message)}`).join('; ');
    return new AllProvidersFailedError({
      taskType,
      failures,
      message:
        `Every AI provider failed on ${taskType} (${each}). Check each provider's API key, base URL, ` +
        'model and status, then resume the startup. To finish with offline drafts instead, allow ' +
        'the fallback: FACTORY_OFFLINE_FALLBACK=1, --allow-offline-fallback or ai.offlineFallback ' +
        'in the config.',
    });
  }
}
