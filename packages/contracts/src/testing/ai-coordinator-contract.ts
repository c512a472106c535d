import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { IAICoordinator } from '../interfaces/ai-coordinator';
import type { IStateStore } from '../interfaces/state-store';
import type { AIUsageRecord } from '../schemas/ai-usage';
import { OUTPUT_SCHEMAS, type OutputSchemaName } from '../schemas/phase-outputs';
import { StartupContext } from '../schemas/startup-context';
import { Task, type TaskInput } from '../schemas/task';
import { type ContractCase, registerContract } from './contract-case';
import { expectFactoryError } from './expect-error';

export interface AICoordinatorHarness {
  coordinator: IAICoordinator;
  /** How many calls reached a provider so far. */
  providerCalls(): number;
  /** The store the coordinator records usage and context in. */
  store: IStateStore;
  cleanup?(): Promise<void>;
}

const HOUR_MS = 3_600_000;

function startupContext(
  startupId: string,
  quota: { callsPerHour?: number; costPerDayUsd?: number } = {},
): StartupContext {
  return StartupContext.parse({
    startupId,
    config: {
      name: 'Routely',
      industry: 'Logistics',
      category: 'B2B SaaS',
      description: 'Route planning for small courier firms.',
      founderProfile: { name: 'Ada', skills: ['operations', 'sales'], experienceYears: 8 },
    },
    allocation: {
      startupId,
      memoryMb: 512,
      cpuCores: 0.5,
      storageGb: 2,
      ports: [3000],
      databaseNamespace: `startup_${startupId.replace(/[^a-z0-9]/g, '_').slice(0, 40)}`,
      apiQuota: { callsPerHour: quota.callsPerHour ?? 1000, costPerDayUsd: quota.costPerDayUsd ?? 15 },
      allocatedAt: new Date(),
    },
  });
}

const newStartupId = () => `s${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function task(startupId: string, type: OutputSchemaName, over: Partial<TaskInput> = {}): Task {
  return Task.parse({
    id: `${type}-${randomUUID()}`,
    startupId,
    type,
    outputSchema: type,
    prompt: `Produce the ${type}.`,
    ...over,
  });
}

function pastUsage(startupId: string, over: Partial<AIUsageRecord>): AIUsageRecord {
  return {
    id: randomUUID(),
    startupId,
    taskType: 'market_research',
    provider: 'earlier',
    model: 'earlier-1',
    inputTokens: 10,
    outputTokens: 10,
    costUsd: 0,
    latencyMs: 1,
    outcome: 'success',
    attempt: 1,
    createdAt: new Date(),
    ...over,
  };
}

const schemaCases: ContractCase<AICoordinatorHarness>[] = (
  Object.keys(OUTPUT_SCHEMAS) as OutputSchemaName[]
).map((name) => ({
  name: `a ${name} task succeeds with output that satisfies its schema`,
  async run({ coordinator }) {
    const startupId = newStartupId();
    const input = task(startupId, name);
    const result = await coordinator.executeTaskWithContext(input, startupContext(startupId));
    expect(result.status).toBe('succeeded');
    expect(result.taskId).toBe(input.id);
    expect(result.startupId).toBe(startupId);
    const parsed = OUTPUT_SCHEMAS[name].safeParse(result.output);
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
    if (result.qualityScore !== undefined) {
      expect(result.qualityScore).toBeGreaterThanOrEqual(0);
      expect(result.qualityScore).toBeLessThanOrEqual(1);
    }
  },
}));

export const aiCoordinatorCases: ContractCase<AICoordinatorHarness>[] = [
  ...schemaCases,
  {
    name: 'a call over callsPerHour fails with QUOTA_EXCEEDED before reaching a provider',
    async run({ coordinator, providerCalls, store }) {
      const startupId = newStartupId();
      const context = startupContext(startupId, { callsPerHour: 3 });
      await store.recordUsage(pastUsage(startupId, {}));
      await store.recordUsage(pastUsage(startupId, { createdAt: new Date(Date.now() - 2 * HOUR_MS) }));
      const first = await coordinator.executeTaskWithContext(task(startupId, 'founder_analysis'), context);
      expect(first.status).toBe('succeeded');
      const before = providerCalls();
      expect(before).toBeGreaterThan(0);
      await store.recordUsage(pastUsage(startupId, {}));
      await expectFactoryError(
        coordinator.executeTaskWithContext(task(startupId, 'founder_analysis'), context),
        'QUOTA_EXCEEDED',
      );
      expect(providerCalls()).toBe(before);
    },
  },
  {
    name: 'a call over costPerDayUsd fails with QUOTA_EXCEEDED before reaching a provider',
    async run({ coordinator, providerCalls, store }) {
      const startupId = newStartupId();
      const context = startupContext(startupId, { costPerDayUsd: 0.5 });
      await store.recordUsage(
        pastUsage(startupId, { costUsd: 5, createdAt: new Date(Date.now() - 30 * HOUR_MS) }),
      );
      await store.recordUsage(pastUsage(newStartupId(), { costUsd: 5 }));
      const ok = await coordinator.executeTaskWithContext(task(startupId, 'code_slots'), context);
      expect(ok.status, 'spend older than a day or of another startup must not count').toBe('succeeded');
      await store.recordUsage(pastUsage(startupId, { costUsd: 0.5 }));
      const before = providerCalls();
      await expectFactoryError(
        coordinator.executeTaskWithContext(task(startupId, 'code_slots'), context),
        'QUOTA_EXCEEDED',
      );
      expect(providerCalls()).toBe(before);
    },
  },
  {
    name: 'every call that reached a provider is recorded with provider, model, tokens and cost',
    async run({ coordinator, providerCalls, store }) {
      const startupId = newStartupId();
      const input = task(startupId, 'market_research');
      const before = providerCalls();
      await coordinator.executeTaskWithContext(input, startupContext(startupId));
      const usage = (await store.listUsage({ startupId })).filter(
        (u) => u.outcome !== 'cached' && u.outcome !== 'quota_exceeded',
      );
      expect(usage.length).toBe(providerCalls() - before);
      expect(usage.length).toBeGreaterThan(0);
      for (const u of usage) {
        expect(u.taskId).toBe(input.id);
        expect(u.provider.length).toBeGreaterThan(0);
        expect(u.model.length).toBeGreaterThan(0);
        expect(Number.isInteger(u.inputTokens) && u.inputTokens >= 0).toBe(true);
        expect(Number.isInteger(u.outputTokens) && u.outputTokens >= 0).toBe(true);
        expect(u.costUsd).toBeGreaterThanOrEqual(0);
      }
      const totals = await store.usageSince(startupId, new Date(Date.now() - HOUR_MS));
      expect(totals.calls).toBe(usage.length);
    },
  },
  {
    name: 'shared context is adapted for the target and later shares of the same startup still carry it',
    async run({ coordinator }) {
      const startupId = newStartupId();
      const insight = `Dispatchers lose time every day (${randomUUID().slice(0, 8)})`;
      const first = await coordinator.shareContextBetweenProviders(startupId, 'openai', 'anthropic', {
        marketInsights: insight,
      });
      expect(typeof first).toBe('object');
      expect(JSON.stringify(first)).toContain(insight);
      const later = await coordinator.shareContextBetweenProviders(startupId, 'anthropic', 'openai', {
        note: 'pricing looks fine',
      });
      expect(JSON.stringify(later)).toContain(insight);
      const other = await coordinator.shareContextBetweenProviders(newStartupId(), 'anthropic', 'openai', {
        note: 'unrelated',
      });
      expect(JSON.stringify(other)).not.toContain(insight);
    },
  },
  {
    name: 'it names at least one available provider',
    async run({ coordinator }) {
      const names = coordinator.availableProviders();
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(typeof n === 'string' && n.length > 0).toBe(true);
    },
  },
];

/** Registers the IAICoordinator contract for an implementation. */
export function aiCoordinatorContract(name: string, setup: () => Promise<AICoordinatorHarness>): void {
  registerContract(`IAICoordinator contract: ${name}`, aiCoordinatorCases, setup);
}
