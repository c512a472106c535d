import { randomUUID } from 'node:crypto';
import { QuotaExceededError } from '../errors/quota-exceeded-error';
import type { IAICoordinator } from '../interfaces/ai-coordinator';
import type { IProvider } from '../interfaces/provider';
import type { IStateStore } from '../interfaces/state-store';
import { APIQuota } from '../schemas/api-quota';
import type { JsonRecord } from '../schemas/common';
import { isOutputSchemaName, OUTPUT_SCHEMAS } from '../schemas/phase-outputs';
import type { StartupContext } from '../schemas/startup-context';
import type { Task, TaskResult } from '../schemas/task';
import { MockProvider } from './mock-provider';
import { SAMPLE_PHASE_OUTPUTS } from './sample-phase-outputs';

/** A MockProvider that answers every task with the sample output for its schema. */
export function sampleOutputProvider(name = 'mock'): MockProvider {
  return new MockProvider({
    name,
    complete: (request) => ({
      text: JSON.stringify(
        isOutputSchemaName(request.taskType) ? SAMPLE_PHASE_OUTPUTS[request.taskType] : { text: 'ok' },
      ),
      inputTokens: 10,
      outputTokens: 20,
    }),
  });
}

/**
 * The smallest correct IAICoordinator: one provider, quotas checked before the call, every call
 * recorded, context kept in store documents. Its methods are protected steps so tests can break
 * one at a time and see the contract suite notice.
 */
export class FakeAICoordinator implements IAICoordinator {
  constructor(
    protected readonly provider: IProvider,
    protected readonly store: IStateStore,
  ) {}

  availableProviders(): string[] {
    return [this.provider.name];
  }

  async executeTaskWithContext(task: Task, context: StartupContext): Promise<TaskResult> {
    await this.checkQuota(task.startupId, context.allocation?.apiQuota ?? APIQuota.parse({}));
    const started = Date.now();
    const response = await this.provider.complete({
      taskType: task.type,
      messages: [{ role: 'user', content: task.prompt || task.type }],
      context,
    });
    await this.recordCall(task, response.model, response.inputTokens, response.outputTokens);
    return {
      taskId: task.id,
      startupId: task.startupId,
      status: 'succeeded',
      output: this.parseOutput(task, response.text),
      provider: this.provider.name,
      model: response.model,
      attempts: 1,
      finishedAt: new Date(),
      durationMs: Date.now() - started,
    };
  }

  async shareContextBetweenProviders(
    startupId: string,
    fromProvider: string,
    toProvider: string,
    context: JsonRecord,
  ): Promise<JsonRecord> {
    const previous = (await this.store.getDocument<JsonRecord[]>('fake-context', startupId)) ?? [];
    const all = [...previous, { from: fromProvider, ...context }];
    await this.store.putDocument('fake-context', startupId, all);
    return { format: toProvider, messages: all.map((c) => ({ role: 'user', content: JSON.stringify(c) })) };
  }

  protected async checkQuota(startupId: string, quota: APIQuota): Promise<void> {
    const now = Date.now();
    const hour = await this.store.usageSince(startupId, new Date(now - 3_600_000));
    if (hour.calls + 1 > quota.callsPerHour) {
      throw new QuotaExceededError({ startupId, limit: 'callsPerHour', message: 'calls per hour reached' });
    }
    const day = await this.store.usageSince(startupId, new Date(now - 86_400_000));
    if (day.costUsd >= quota.costPerDayUsd) {
      throw new QuotaExceededError({ startupId, limit: 'costPerDayUsd', message: 'cost per day reached' });
    }
  }

  protected parseOutput(task: Task, text: string): unknown {
    const raw = JSON.parse(text) as unknown;
    return task.outputSchema && isOutputSchemaName(task.outputSchema)
      ? OUTPUT_SCHEMAS[task.outputSchema].parse(raw)
      : raw;
  }

  protected async recordCall(
    task: Task,
    model: string,
    inputTokens: number,
    outputTokens: number,
  ): Promise<void> {
    await this.store.recordUsage({
      id: randomUUID(),
      startupId: task.startupId,
      taskId: task.id,
      taskType: task.type,
      provider: this.provider.name,
      model,
      inputTokens,
      outputTokens,
      costUsd: (inputTokens + outputTokens) / 1_000_000,
      latencyMs: 1,
      outcome: 'success',
      attempt: 1,
      createdAt: new Date(),
    });
  }
}
