import { describe, expect, it } from 'vitest';
import type { IStateStore } from './interfaces/state-store';
import type { APIQuota } from './schemas/api-quota';
import type { JsonRecord } from './schemas/common';
import type { Task } from './schemas/task';
import {
  type AICoordinatorHarness,
  aiCoordinatorCases,
  aiCoordinatorContract,
  FakeAICoordinator,
  InMemoryStateStore,
  runContractCases,
  sampleOutputProvider,
} from './testing/index';

type Fake = new (provider: ReturnType<typeof sampleOutputProvider>, store: IStateStore) => FakeAICoordinator;

function harnessFor(Coordinator: Fake) {
  return async (): Promise<AICoordinatorHarness> => {
    const store = new InMemoryStateStore();
    const provider = sampleOutputProvider();
    return {
      coordinator: new Coordinator(provider, store),
      store,
      providerCalls: () => provider.calls.length,
    };
  };
}

aiCoordinatorContract('FakeAICoordinator', harnessFor(FakeAICoordinator));

class IgnoresQuota extends FakeAICoordinator {
  protected override async checkQuota(_startupId: string, _quota: APIQuota): Promise<void> {}
}
class ChecksQuotaAfterCalling extends FakeAICoordinator {
  override async executeTaskWithContext(
    task: Task,
    context: Parameters<FakeAICoordinator['executeTaskWithContext']>[1],
  ) {
    await this.provider.complete({ taskType: task.type, messages: [{ role: 'user', content: 'peek' }] });
    return super.executeTaskWithContext(task, context);
  }
}
class InvalidOutput extends FakeAICoordinator {
  protected override parseOutput(): unknown {
    return { summary: 42 };
  }
}
class SkipsUsage extends FakeAICoordinator {
  protected override async recordCall(): Promise<void> {}
}
class ForgetsContext extends FakeAICoordinator {
  override async shareContextBetweenProviders(_s: string, _f: string, to: string, context: JsonRecord) {
    return {
      format: to,
      ...(Object.keys(context).length > 0 && 'note' in context ? { note: context.note } : context),
    };
  }
}
class LeaksContextAcrossStartups extends FakeAICoordinator {
  override async shareContextBetweenProviders(_s: string, f: string, t: string, c: JsonRecord) {
    return super.shareContextBetweenProviders('everyone', f, t, c);
  }
}
class NoProviders extends FakeAICoordinator {
  override availableProviders(): string[] {
    return [];
  }
}

const failingCases = async (Coordinator: Fake) =>
  (await runContractCases(aiCoordinatorCases, harnessFor(Coordinator)))
    .filter((o) => !o.passed)
    .map((o) => o.name);

describe('IAICoordinator contract catches broken implementations', () => {
  it('a coordinator that calls the provider over quota fails both quota cases', async () => {
    const failed = await failingCases(IgnoresQuota);
    expect(failed).toEqual([
      'a call over callsPerHour fails with QUOTA_EXCEEDED before reaching a provider',
      'a call over costPerDayUsd fails with QUOTA_EXCEEDED before reaching a provider',
    ]);
  });

  it('a coordinator that reaches the provider before checking the quota fails the quota cases', async () => {
    const failed = await failingCases(ChecksQuotaAfterCalling);
    expect(failed).toContain('a call over callsPerHour fails with QUOTA_EXCEEDED before reaching a provider');
    expect(failed).toContain(
      'a call over costPerDayUsd fails with QUOTA_EXCEEDED before reaching a provider',
    );
  });

  it('a coordinator whose output fails the schema fails every schema case', async () => {
    const failed = await failingCases(InvalidOutput);
    for (const name of ['founder_analysis', 'market_research', 'mvp_spec', 'architecture', 'code_slots']) {
      expect(failed).toContain(`a ${name} task succeeds with output that satisfies its schema`);
    }
  });

  it('a coordinator that does not record usage fails the usage case', async () => {
    expect(await failingCases(SkipsUsage)).toContain(
      'every call that reached a provider is recorded with provider, model, tokens and cost',
    );
  });

  it('a coordinator that forgets or leaks shared context fails the context case', async () => {
    const name =
      'shared context is adapted for the target and later shares of the same startup still carry it';
    expect(await failingCases(ForgetsContext)).toEqual([name]);
    expect(await failingCases(LeaksContextAcrossStartups)).toEqual([name]);
  });

  it('a coordinator without providers fails the provider case', async () => {
    expect(await failingCases(NoProviders)).toEqual(['it names at least one available provider']);
  });
});
