import { type OutputSchemaName, type PhaseName, StartupContext, Task } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { AICoordinator } from '../coordination/ai-coordinator';
import type { ArmStats } from '../coordination/learning-engine';
import { seededRandom } from '../coordination/seeded-random';
import { draftOffline } from '../offline/offline-provider';
import { OpenAICompatibleProvider } from '../providers/openai-compatible-provider';
import { type LoopbackServer, startLoopbackServer } from './loopback-server';

/**
 * The pipeline's AI tasks, in the order a startup runs them, each with the output schema the
 * pipeline asks for (market research in its four part schemas); the scenario cycles through them.
 * apps/factory checks this list against the pipeline's own plan.
 */
export const ROUTING_SCENARIO_TASKS: ReadonlyArray<{
  phase: PhaseName;
  type: string;
  outputSchema: OutputSchemaName;
}> = [
  { phase: 'founder_analysis', type: 'founder_analysis', outputSchema: 'founder_analysis' },
  { phase: 'market_research', type: 'market_research.competitors', outputSchema: 'market_landscape' },
  { phase: 'market_research', type: 'market_research.market_size', outputSchema: 'market_size' },
  { phase: 'market_research', type: 'market_research.personas', outputSchema: 'market_personas' },
  { phase: 'market_research', type: 'market_research.pricing', outputSchema: 'market_pricing' },
  { phase: 'mvp_spec', type: 'mvp_spec', outputSchema: 'mvp_spec' },
  { phase: 'architecture', type: 'architecture', outputSchema: 'architecture' },
  { phase: 'architecture', type: 'code_slots', outputSchema: 'code_slots' },
];

export interface RoutingScenarioOptions {
  /** Tasks run one after another (default 30). */
  tasks?: number;
  /** Seeds the router and the flaky provider's faults (default 1). */
  seed?: number;
  /** Share of the flaky provider's answers that do not satisfy the schema (default 0.7). */
  invalidRate?: number;
  /** Latency of the steady provider, in virtual milliseconds (default 1000). */
  latencyMs?: number;
  /** How much slower the flaky provider answers (default 1500). */
  extraLatencyMs?: number;
}

export interface RoutingScenarioResult {
  /** Per task, in order, the provider its first call went to. */
  firstProviders: string[];
  /** What the learning engine learned per provider, over all task types. */
  learned: Record<string, ArmStats>;
  /** Requests each server received: `steady` and `flaky`. */
  requests: { steady: number; flaky: number };
  /** The flaky provider's share of first calls among tasks `from` (inclusive) to `to` (exclusive). */
  flakyShare(from?: number, to?: number): number;
}

/**
 * The routing scenario of issue 12: two OpenAI-compatible providers on loopback servers, one
 * answering schema-invalid JSON `invalidRate` of the time and `extraLatencyMs` slower, behind the
 * real coordinator and learning engine. Latency is virtual: each answer moves an injected clock on
 * instead of sleeping, so 30 tasks take well under a second of waiting.
 */
export async function runRoutingScenario(
  options: RoutingScenarioOptions = {},
): Promise<RoutingScenarioResult> {
  const tasks = options.tasks ?? 30;
  const seed = options.seed ?? 1;
  const invalidRate = options.invalidRate ?? 0.7;
  const latencyMs = options.latencyMs ?? 1000;
  const extraLatencyMs = options.extraLatencyMs ?? 1500;
  const faults = seededRandom(seed * 7919 + 1);
  let virtualMs = 0;
  const answer = (schemaName: string | undefined) => {
    const { draftedOffline: _, ...output } = (draftOffline(schemaName ?? '') ?? {}) as Record<
      string,
      unknown
    >;
    return JSON.stringify(output);
  };
  const servers: LoopbackServer[] = [];
  try {
    const steady = await startLoopbackServer({
      responder: (request) => {
        virtualMs += latencyMs;
        return { content: answer(request.schemaName), inputTokens: 800, outputTokens: 400 };
      },
    });
    servers.push(steady);
    const flaky = await startLoopbackServer({
      responder: (request) => {
        virtualMs += latencyMs + extraLatencyMs;
        const invalid = faults() < invalidRate;
        return invalid
          ? { content: '{"summary": 7, "items": "none"}', inputTokens: 800, outputTokens: 20 }
          : { content: answer(request.schemaName), inputTokens: 800, outputTokens: 400 };
      },
    });
    servers.push(flaky);
    const provider = (name: string, server: LoopbackServer) =>
      new OpenAICompatibleProvider({
        name,
        apiKey: `sk-routing-scenario-${name}-000000`,
        baseURL: server.openaiBaseURL,
        defaultModel: 'gpt-4o-mini',
      });
    const store = new InMemoryStateStore();
    const coordinator = new AICoordinator({
      providers: [provider('steady', steady), provider('flaky', flaky)],
      store,
      random: seededRandom(seed),
      sleep: async () => {},
      now: () => virtualMs,
    });
    const firstProviders: string[] = [];
    for (let i = 0; i < tasks; i++) {
      const step = ROUTING_SCENARIO_TASKS[
        i % ROUTING_SCENARIO_TASKS.length
      ] as (typeof ROUTING_SCENARIO_TASKS)[number];
      const startupId = `routing-${Math.floor(i / ROUTING_SCENARIO_TASKS.length)}`;
      const task = Task.parse({ id: `task-${i}`, startupId, ...step });
      await coordinator.executeTaskWithContext(task, contextFor(startupId));
      const first = (await store.listUsage({ startupId })).find((u) => u.taskId === task.id);
      firstProviders.push(first?.provider ?? 'none');
    }
    return {
      firstProviders,
      learned: await coordinator.learning.stats('*'),
      requests: { steady: steady.requests.length, flaky: flaky.requests.length },
      flakyShare(from = 0, to = firstProviders.length) {
        const window = firstProviders.slice(from, to);
        return window.length === 0 ? 0 : window.filter((p) => p === 'flaky').length / window.length;
      },
    };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

function contextFor(startupId: string): StartupContext {
  return StartupContext.parse({
    startupId,
    config: {
      name: 'Routely',
      industry: 'Logistics',
      category: 'B2B SaaS',
      description: 'Route planning for small courier firms.',
      founderProfile: { name: 'Ada', skills: ['operations'], experienceYears: 6 },
    },
    allocation: {
      startupId,
      memoryMb: 512,
      cpuCores: 0.5,
      storageGb: 2,
      ports: [3000],
      databaseNamespace: `startup_${startupId.replace(/[^a-z0-9]/g, '_')}`,
      apiQuota: { callsPerHour: 100_000, costPerDayUsd: 100_000 },
      allocatedAt: new Date(),
    },
  });
}
