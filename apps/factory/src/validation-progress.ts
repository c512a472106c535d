import type { ValidationStep, ValidationStepName } from '@startup-factory/contracts';
import type { ValidationObserver } from '@startup-factory/core';

export type ValidationProgress =
  | { startupId: string; name: ValidationStepName; state: 'started' }
  | { startupId: string; name: ValidationStepName; state: 'finished'; step: ValidationStep };

/**
 * Passes the validator's step starts and ends (install, build, test, start, health) to whoever
 * listens in this process: the CLI's progress output. The durable record is the phase's
 * `docs/validation-report.json`.
 */
export class ValidationProgressFeed implements ValidationObserver {
  private readonly listeners = new Set<(progress: ValidationProgress) => void>();

  subscribe(listener: (progress: ValidationProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stepStarted(startupId: string, name: ValidationStepName): void {
    this.emit({ startupId, name, state: 'started' });
  }

  stepFinished(startupId: string, step: ValidationStep): void {
    this.emit({ startupId, name: step.name, state: 'finished', step });
  }

  private emit(progress: ValidationProgress): void {
    for (const listener of this.listeners) listener(progress);
  }
}
