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
  type ProviderFailure,
  type QuotaExceededError,
  type SharedInsights,
  type StartupContext,
  Task,
  type TaskResult,
} from '@startup-factory/contracts';
import { draftOffline } from '../offline/offline-provider';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../providers/default-models';
import { jsonSchemaForName, schemaForName } from '../structured/schema-registry';
import { CrossProviderContext, toWireShape } from './cross-provider-context';
import { LearningEngine } from './learning-engine';
import { DEFAULT_PRICES, type ModelPrice } from './price-table';
import { insightsFrom, summarizeOutput, systemPromptFor, taskMessages } from './prompting';
import {
  type CallEnvironment,
  callProvider,
  ProviderAttemptsFailed,
  type RetryPolicy,
} from './provider-call';
import { QualityOrchestrator } from './quality-orchestrator';
import { SecretRedactor } from './secret-redactor';
import type { RandomSource } from './seeded-random';
import { failedTaskError, TaskAttempts } from './task-attempts';

export interface AICoordinatorOptions {
  providers: IProvider[];
  store: IStateStore;
  /** Per-model prices, merged over the package's table. */
  prices?: Record<string, ModelPrice>;
  clock?: () => Date;
  random?: RandomSource;
  /** How retries wait; inject an instant one in tests. */
  sleep?: (ms: number) => Promise<void>;
  /** The one retry layer: calls per task (`maxAttempts`, default 3) and backoff. */
  retry?: Partial<RetryPolicy>;
  /** Fewer attempts for a provider, by name (e.g. one for a slow self-hosted server). */
  attemptsByProvider?: Record<string, number>;
  quality?: QualityOrchestrator;
  learning?: LearningEngine;
  context?: CrossProviderContext;
  /** Strips API keys from everything logged, stored or thrown. Defaults to the `*_API_KEY` env values. */
  redactor?: SecretRedactor;
  logger?: (entry: { level: 'info' | 'warn'; message: string }) => void;
  /**
   * With network providers configured, draft offline when every one of them failed (the output is
   * marked `draftedOffline`) instead of failing the task with ALL_PROVIDERS_FAILED. Default false:
   * offline drafts never replace real providers unless the user allows it. With no network
   * provider the offline drafter is the provider, whatever this says.
   */
  offlineFallback?: boolean;
}

/**
 * Runs AI tasks for startups: books each call against the quota before it is sent, routes to the
 * provider the learning engine expects to give the best quality per cost, falls back to the next
 * provider on failure or low quality within the task's attempts, and records every call.
 */
export class AICoordinator implements IAICoordinator {
  readonly learning: LearningEngine;
  readonly quality: QualityOrchestrator;
  readonly context: CrossProviderContext;
  private readonly providers: Map<string, IProvider>;
  private readonly store: IStateStore;
  private readonly env: CallEnvironment;
  private readonly offlineFallback: boolean;
  private readonly attemptsByProvider: Readonly<Record<string, number>>;

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
    this.offlineFallback = options.offlineFallback ?? false;
    this.attemptsByProvider = options.attemptsByProvider ?? {};
  }

  /** The providers tasks may use: the network ones, and the offline drafter when it may draft. */
  availableProviders(): string[] {
    return this.usable().map((p) => p.name);
  }

  /**
   * Converts every output schema to the JSON Schema sent to providers and drafts each one offline
   * once (loading the industry catalogue), so the first task pays for none of it. Calls no provider
   * and records nothing.
   */
  async warmUp(): Promise<void> {
    for (const name of Object.keys(OUTPUT_SCHEMAS)) {
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
    const failures: ProviderFailure[] = [];
    const budget = new TaskAttempts(order, this.env.retry.maxAttempts, this.attemptsByProvider);
    let attempts = 0;
    for (const [index, provider] of order.entries()) {
      if (provider.offline && failures.length > 0) {
        this.env.log('warn', `every AI provider failed on ${task.type}; drafting it offline, as allowed`);
      }
      const adapted = this.context.adapt(stored, provider.name);
      const request = {
        system: systemPromptFor(task, context, adapted.system),
        messages: taskMessages(task, context, adapted.messages),
        ...(schemaName ? { jsonSchema: jsonSchemaForName(schemaName) } : {}),
        maxTokens: task.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
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
          maxCalls: budget.shareOf(index),
        });
        attempts += result.calls;
        budget.spend(provider, result.calls);
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
        budget.spend(provider, error.calls);
        failures.push({
          provider: provider.name,
          code: error.error.code,
          message: this.env.redactor.redact(error.error.message),
        });
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
        error: failedTaskError(task.type, failures),
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

  /** Network providers; the offline drafter only when there is none, or when it may stand in. */
  private usable(): IProvider[] {
    const all = [...this.providers.values()];
    const online = all.filter((p) => !p.offline);
    if (online.length === 0) return all;
    return this.offlineFallback ? [...online, ...all.filter((p) => p.offline)] : online;
  }

  /** The task's preferred provider first, then the network ones as ranked, the offline drafter last. */
  private async order(task: Task): Promise<IProvider[]> {
    const usable = this.usable();
    const online = usable.filter((p) => !p.offline);
    const pool = online.length > 0 ? online : usable;
    const ranked = (
      await this.learning.rank(
        task.type,
        pool.map((p) => p.name),
      )
    ).map((n) => this.providers.get(n) as IProvider);
    const ordered = [...ranked, ...usable.filter((p) => !pool.includes(p))];
    const preferred = task.provider ? ordered.find((p) => p.name === task.provider) : undefined;
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
