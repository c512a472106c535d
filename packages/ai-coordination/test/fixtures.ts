import {
  type CompletionRequest,
  type CompletionResponse,
  type IProvider,
  StartupContext,
  Task,
  type TaskInput,
} from '@startup-factory/contracts';

/** Wraps a provider and counts the calls that reached it. */
export class CountingProvider implements IProvider {
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly inner: IProvider,
    private readonly delayMs = 0,
  ) {}
  get name() {
    return this.inner.name;
  }
  get defaultModel() {
    return this.inner.defaultModel;
  }
  get offline() {
    return this.inner.offline;
  }
  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    this.calls += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      return await this.inner.complete(request);
    } finally {
      this.inFlight -= 1;
    }
  }
}

export function contextFor(
  startupId: string,
  over: {
    industry?: string;
    callsPerHour?: number;
    costPerDayUsd?: number;
    name?: string;
    description?: string;
  } = {},
): StartupContext {
  return StartupContext.parse({
    startupId,
    config: {
      name: over.name ?? 'Routely',
      industry: over.industry ?? 'Logistics',
      category: 'B2B SaaS',
      description: over.description ?? 'Route planning for small courier firms.',
      founderProfile: { name: 'Ada', skills: ['operations'], experienceYears: 6 },
    },
    allocation: {
      startupId,
      memoryMb: 512,
      cpuCores: 0.5,
      storageGb: 2,
      ports: [3000],
      databaseNamespace: `startup_${startupId.replace(/[^a-z0-9]/g, '_')}`,
      apiQuota: { callsPerHour: over.callsPerHour ?? 1000, costPerDayUsd: over.costPerDayUsd ?? 15 },
      allocatedAt: new Date(),
    },
  });
}

export function taskFor(startupId: string, type: string, over: Partial<TaskInput> = {}): Task {
  return Task.parse({
    id: `${type}-${Math.random().toString(36).slice(2)}`,
    startupId,
    type,
    outputSchema: type,
    ...over,
  });
}

export const instantSleep = async (_ms: number) => {};
