import type { JsonRecord } from '../schemas/common';
import type { StartupContext } from '../schemas/startup-context';
import type { Task, TaskResult } from '../schemas/task';

/** Runs AI tasks across providers with shared context, quotas, quality scoring and learning. */
export interface IAICoordinator {
  /**
   * Runs one task for a startup. Quotas are checked before any provider is called
   * (QUOTA_EXCEEDED); when `task.outputSchema` is set, the output satisfies it.
   */
  executeTaskWithContext(task: Task, context: StartupContext): Promise<TaskResult>;
  /** Records `context` as coming from one provider and returns it adapted for another. */
  shareContextBetweenProviders(
    startupId: string,
    fromProvider: string,
    toProvider: string,
    context: JsonRecord,
  ): Promise<JsonRecord>;
  /** Names of providers that can take calls now. */
  availableProviders(): string[];
  /** Prepares what the first call would otherwise pay for (schemas, catalogues); no provider is called. */
  warmUp?(): Promise<void>;
}
