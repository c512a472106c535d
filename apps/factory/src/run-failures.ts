/** A run of this process that failed or stalled, as `Factory.onRunFailure` reports it. */
export interface RunFailure {
  startupId: string;
  /** The phase it failed in, when the failure was recorded. */
  phase?: string;
  /** The error's code (`INTERNAL` for a plain error); `RUN_STALLED` for a run with no progress. */
  code: string;
  message: string;
  /** Whether the startup's record holds the failure (`show` and the API list it as `error`). */
  recorded: boolean;
  resumable?: boolean;
}

/** Passes each run failure to whoever listens in this process (`serve` logs it as one line). */
export class RunFailureFeed {
  private readonly listeners = new Set<(failure: RunFailure) => void>();

  subscribe(listener: (failure: RunFailure) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  report(failure: RunFailure): void {
    for (const listener of this.listeners) {
      try {
        listener(failure);
      } catch {
        // A listener's own failure (a closed log stream) must not end the run's bookkeeping.
      }
    }
  }
}

/** The failure the pipeline recorded in a startup's state (`lastError`), when it holds one. */
export function recordedFailure(
  value: unknown,
): { phase: string; code: string; message: string; resumable?: boolean } | null {
  const error = value as
    | { phase?: unknown; code?: unknown; message?: unknown; resumable?: unknown }
    | undefined;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return null;
  return {
    phase: String(error.phase),
    code: error.code,
    message: error.message,
    ...(error.resumable === true ? { resumable: true } : {}),
  };
}
