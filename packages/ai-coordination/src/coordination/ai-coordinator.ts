import { randomUUID } from 'node:crypto';
import {
  APIQuota,
  hasErrorCode,
  type IAICoordinator,
  InvalidConfigError,
  type IProvider,
  type IStateStore,
  type JsonRecord,
  NoProviderError,
  OUTPUT_SCHEMAS,
  type QuotaExceededError,
  type SharedInsights,
  type StartupContext,
  Task,
  type TaskResult,
} from '@startup-factory/contracts';
import { draftOffline } from '../offline/offline-provider';
import { jsonSchemaForName, SUBTASK_SCHEMAS, schemaForName } from '../structured/schema-registry';
import { CrossProviderContext, toWireShape } from './cross-provider-context';
import { LearningEngine } from './learning-engine';
import { DEFAULT_PRICES, type ModelPrice } from './price-table';
import { buildPrompt, insightsFrom, summarizeOutput } from './prompting';
import {
  type CallEnvironment,
  callProvider,
  ProviderAttemptsFailed,
  type RetryPolicy,
} from './provider-call';
import { QualityOrchestrator } from './quality-orchestrator';
import { SecretRedactor } from './secret-redactor';
import type { RandomSource } from './seeded-random';
import { runPlan, TaskDecomposer } from './task-decomposer';

export interface AICoordinatorOptions {
  providers: IProvider[];
  store: IStateStore;
  /** Per-model prices, merged over the package's table. */
  prices?: Record<string, ModelPrice>;
  clock?: () => Date;
  random?: RandomSource;
  /** How retries wait; inject an instant one in tests. */
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  quality?: QualityOrchestrator;
  learning?: LearningEngine;
  context?: CrossProviderContext;
  decomposer?: TaskDecomposer;
  /** Strips API keys from everything logged, stored or thrown. Defaults to the `*_API_KEY` env values. */
  redactor?: SecretRedactor;
  logger?: (entry: { level: 'info' | 'warn'; message: string }) => void;
  /** Use offline providers only when every network provider failed (default true). */
  offlineLast?: boolean;
}

/**
 * Runs AI tasks for startups: checks quotas before each call, routes to the provider the
 * learning engine expects to give the best quality per cost, falls back to the next provider on
 * failure or low quality, and records every call.
 */
export class AICoordinator implements IAICoordinator {
  readonly learning: LearningEngine;
  readonly quality: QualityOrchestrator;
  readonly context: CrossProviderContext;
  readonly decomposer: TaskDecomposer;
  private readonly providers: Map<string, IProvider>;
  private readonly store: IStateStore;
  private readonly env: CallEnvironment;
  private readonly offlineLast: boolean;

  constructor(options: AICoordinatorOptions) {
    if (options.providers.length === 0) {
      throw new NoProviderError({
        message: 'AICoordinator needs at least one provider; add OfflineProvider for a keyless setup.',
      });
    }
    this.providers = new Map(options.providers.map((p) => [p.name, p]));
    this.store = options.store;
    const redactor = options.redactor ?? SecretRedactor.fromEnv(process.env);
    const random = options.random ?? Math.random;
    const logger = options.logger;
    this.env = {
      store: options.store,
      prices: { ...DEFAULT_PRICES, ...options.prices },
      clock: options.clock ?? (() => new Date()),
      random,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      redactor,
      retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 30_000, ...options.retry },
      log: (level, message) => logger?.({ level, message: redactor.redact(message) }),
    };
    this.quality = options.quality ?? new QualityOrchestrator();
    this.learning = options.learning ?? new LearningEngine({ store: options.store, random });
    this.context = options.context ?? new CrossProviderContext({ store: options.store, redactor });
    this.decomposer = options.decomposer ?? new TaskDecomposer();
    this.offlineLast = options.offlineLast ?? true;
  }

  availableProviders(): string[] {
    return [...this.providers.keys()];
  }

  /**
   * Converts every output schema to the JSON Schema sent to providers and drafts each one offline
   * once (loading the industry catalogue), so the first task pays for none of it. Calls no provider
   * and records nothing.
   */
  async warmUp(): Promise<void> {
    for (const name of [...Object.keys(OUTPUT_SCHEMAS), ...Object.keys(SUBTASK_SCHEMAS)]) {
      jsonSchemaForName(name);
      schemaForName(name)?.safeParse(draftOffline(name));
    }
  }

  async executeTaskWithContext(input: Task, context: StartupContext): Promise<TaskResult> {
    const task = Task.parse(input);
    const startedAt = this.env.clock();
    const t0 = performance.now();
    const schemaName = task.outputSchema;
    const schema = schemaName ? schemaForName(schemaName) : undefined;
    if (schemaName && !schema) {
      throw new InvalidConfigError({
        message: `Task ${task.id} names unknown output schema "${schemaName}".`,
      });
    }
    const quota = context.allocation?.apiQuota ?? APIQuota.parse({});
    const stored = await this.context.load(task.startupId);
    const order = await this.order(task);
    let best: { output: unknown; score: number; provider: string; model: string } | undefined;
    let lastError: { code: string; message: string; retryable: boolean } | undefined;
    let attempts = 0;
    for (const provider of order) {
      const adapted = this.context.adapt(stored, provider.name);
      const request = {
        system: [
          `You help build the startup "${context.config.name}". Answer precisely and concretely.`,
          adapted.system,
          schema ? 'Reply with JSON only, matching the given JSON Schema.' : '',
        ]
          .filter(Boolean)
          .join('\n'),
        messages: [...adapted.messages, { role: 'user' as const, content: buildPrompt(task, context) }],
        ...(schemaName ? { jsonSchema: jsonSchemaForName(schemaName) } : {}),
        taskType: task.type,
        startupId: task.startupId,
        context,
      };
      try {
        const result = await callProvider(this.env, {
          provider,
          request,
          schema,
          quota,
          startupId: task.startupId,
          taskId: task.id,
          taskType: task.type,
        });
        attempts += result.calls;
        const score = await this.quality.score(task, result.output, schema);
        await this.learning.record(task.type, provider.name, {
          success: true,
          quality: score.score,
          costUsd: result.costUsd,
          latencyMs: result.latencyMs,
        });
        if (!best || score.score > best.score) {
          best = { output: result.output, score: score.score, provider: provider.name, model: result.model };
        }
        if (this.quality.passes(score)) break;
        this.env.log(
          'info',
          `${provider.name} scored ${score.score} on ${task.type}, below ${this.quality.threshold}; trying the next provider`,
        );
      } catch (error) {
        if (hasErrorCode(error, 'QUOTA_EXCEEDED')) {
          await this.recordRefusal(task, provider, error as QuotaExceededError);
          throw error;
        }
        if (!(error instanceof ProviderAttemptsFailed)) throw error;
        attempts += error.calls;
        lastError = {
          code: error.error.code,
          message: this.env.redactor.redact(error.error.message),
          retryable: error.error.retryable,
        };
        await this.learning.record(task.type, provider.name, {
          success: false,
          quality: 0,
          costUsd: error.costUsd,
          latencyMs: 0,
        });
        this.env.log('warn', `${provider.name} failed on ${task.type}: ${error.error.message}`);
      }
    }
    const finishedAt = this.env.clock();
    const base = {
      taskId: task.id,
      startupId: task.startupId,
      attempts,
      startedAt,
      finishedAt,
      durationMs: performance.now() - t0,
    };
    if (!best) {
      return {
        ...base,
        status: 'failed',
        output: null,
        error: lastError ?? {
          code: 'NO_PROVIDER',
          message: 'No provider could take the task.',
          retryable: true,
        },
      };
    }
    await this.context.record(
      task.startupId,
      { provider: best.provider, taskType: task.type, content: summarizeOutput(best.output), at: finishedAt },
      insightsFrom(task.type, best.output),
    );
    return {
      ...base,
      status: 'succeeded',
      output: best.output,
      provider: best.provider,
      model: best.model,
      qualityScore: best.score,
    };
  }

  /**
   * Runs a phase task through the decomposer: independent subtasks in parallel, then the merge.
   * Tasks the decomposer does not split run as one call.
   */
  async executeDecomposed(input: Task, context: StartupContext): Promise<TaskResult> {
    const task = Task.parse(input);
    const plan = this.decomposer.plan(task);
    if (plan.subtasks.length === 1) return this.executeTaskWithContext(task, context);
    const t0 = performance.now();
    const startedAt = this.env.clock();
    const { output, results } = await runPlan(plan, (sub) => this.executeTaskWithContext(sub, context));
    const attempts = results.reduce((n, r) => n + r.attempts, 0);
    const base = {
      taskId: task.id,
      startupId: task.startupId,
      attempts,
      startedAt,
      finishedAt: this.env.clock(),
      durationMs: performance.now() - t0,
    };
    const failed = results.find((r) => r.status !== 'succeeded');
    if (failed)
      return { ...base, status: 'failed', output: null, ...(failed.error ? { error: failed.error } : {}) };
    const schema = task.outputSchema ? schemaForName(task.outputSchema) : undefined;
    const score = await this.quality.score(task, output, schema);
    const providers = [...new Set(results.map((r) => r.provider).filter(Boolean))];
    await this.context.record(
      task.startupId,
      {
        provider: providers.join('+'),
        taskType: task.type,
        content: summarizeOutput(output),
        at: base.finishedAt,
      },
      insightsFrom(task.type, output),
    );
    return { ...base, status: 'succeeded', output, provider: providers.join('+'), qualityScore: score.score };
  }

  async shareContextBetweenProviders(
    startupId: string,
    fromProvider: string,
    toProvider: string,
    context: JsonRecord,
  ): Promise<JsonRecord> {
    const insights: SharedInsights = CrossProviderContext.insightsOf(context);
    const rest = Object.fromEntries(
      Object.entries(context).filter(([k]) => !(k in insights) && k !== 'sharedInsights'),
    );
    await this.context.record(
      startupId,
      {
        provider: fromProvider,
        taskType: 'context.share',
        content: summarizeOutput(rest),
        at: this.env.clock(),
      },
      insights,
    );
    const stored = await this.context.load(startupId);
    return {
      ...toWireShape(this.context.adapt(stored, toProvider)),
      fromProvider,
      toProvider,
      sharedInsights: stored.sharedInsights,
    };
  }

  private async order(task: Task): Promise<IProvider[]> {
    const all = [...this.providers.values()];
    const online = all.filter((p) => !p.offline);
    const pool = this.offlineLast && online.length > 0 ? online : all;
    const ranked = (
      await this.learning.rank(
        task.type,
        pool.map((p) => p.name),
      )
    ).map((n) => this.providers.get(n) as IProvider);
    const rest = all.filter((p) => !pool.includes(p));
    const ordered = [...ranked, ...rest];
    const preferred = task.provider ? this.providers.get(task.provider) : undefined;
    return preferred ? [preferred, ...ordered.filter((p) => p !== preferred)] : ordered;
  }

  private async recordRefusal(task: Task, provider: IProvider, error: QuotaExceededError): Promise<void> {
    this.env.log('warn', error.message);
    await this.store.recordUsage({
      id: randomUUID(),
      startupId: task.startupId,
      taskId: task.id,
      taskType: task.type,
      provider: provider.name,
      model: provider.defaultModel,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      latencyMs: 0,
      outcome: 'quota_exceeded',
      attempt: 1,
      createdAt: this.env.clock(),
    });
  }
}
