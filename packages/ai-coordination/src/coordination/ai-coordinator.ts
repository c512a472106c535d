import {
  APIQuota,
  type IAICoordinator,
  InvalidConfigError,
  type IProvider,
  type IStateStore,
  type JsonRecord,
  NoProviderError,
  OUTPUT_SCHEMAS,
  type SharedInsights,
  type StartupContext,
  Task,
  type TaskResult,
} from '@startup-factory/contracts';
import { draftOffline } from '../offline/offline-provider';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../providers/default-models';
import { jsonSchemaForName, schemaForName } from '../structured/schema-registry';
import { CrossProviderContext, toWireShape } from './cross-provider-context';
import { type DocumentWrite, LearningEngine } from './learning-engine';
import { DEFAULT_PRICES, type ModelPrice } from './price-table';
import { insightsFrom, summarizeOutput, systemPromptFor, taskMessages } from './prompting';
import type { CallEnvironment, RetryPolicy } from './provider-call';
import { type ProviderSequenceDeps, runProviderSequence } from './provider-sequence';
import { QualityOrchestrator } from './quality-orchestrator';
import { SecretRedactor } from './secret-redactor';
import type { RandomSource } from './seeded-random';
import { failedTaskError } from './task-attempts';

export interface AICoordinatorOptions {
  providers: IProvider[];
  store: IStateStore;
  /** Per-model prices, merged over the package's table. */
  prices?: Record<string, ModelPrice>;
  clock?: () => Date;
  /** Monotonic milliseconds for latencies and durations (default `performance.now`). */
  now?: () => number;
  random?: RandomSource;
  /** How retries wait; inject an instant one in tests. */
  sleep?: (ms: number) => Promise<void>;
  /** The one retry layer: calls per task (`maxAttempts`, default 3) and backoff. */
  retry?: Partial<RetryPolicy>;
  /** Fewer attempts for a provider, by name (e.g. one for a slow self-hosted server). */
  attemptsByProvider?: Record<string, number>;
  quality?: QualityOrchestrator;
  /**
   * A network provider, by name, that grades every schema-valid answer 0..1 (one more call per
   * answer, booked against the quota); the score is then half its grade, half the heuristics. Off
   * by default.
   */
  judge?: string;
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
  private readonly env: CallEnvironment;
  private readonly offlineFallback: boolean;
  private readonly sequence: ProviderSequenceDeps;

  constructor(options: AICoordinatorOptions) {
    if (options.providers.length === 0) {
      throw new NoProviderError({
        message: 'AICoordinator needs at least one provider; add OfflineProvider for a keyless setup.',
      });
    }
    this.providers = new Map(options.providers.map((p) => [p.name, p]));
    const redactor = options.redactor ?? SecretRedactor.fromEnv(process.env);
    const random = options.random ?? Math.random;
    const logger = options.logger;
    this.env = {
      store: options.store,
      prices: { ...DEFAULT_PRICES, ...options.prices },
      clock: options.clock ?? (() => new Date()),
      now: options.now ?? (() => performance.now()),
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
    this.sequence = {
      env: this.env,
      quality: this.quality,
      learning: this.learning,
      attemptsByProvider: options.attemptsByProvider ?? {},
      judge: options.judge === undefined ? undefined : this.judgeNamed(options.judge),
    };
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
    const t0 = this.env.now();
    const schemaName = task.outputSchema;
    const schema = schemaName ? schemaForName(schemaName) : undefined;
    if (schemaName && !schema) {
      throw new InvalidConfigError({
        message: `Task ${task.id} names unknown output schema "${schemaName}".`,
      });
    }
    const quota = context.allocation?.apiQuota ?? APIQuota.parse({});
    const stored = await this.context.load(task.startupId);
    // What the learning engine counts is written with the task's context record, in one statement.
    const learned: DocumentWrite[] = [];
    const flushLearned = () =>
      learned.length > 0 ? this.env.store.putDocuments(learned.splice(0)) : Promise.resolve();
    const {
      kept: best,
      failures,
      calls: attempts,
    } = await runProviderSequence(this.sequence, {
      task,
      learned,
      order: await this.order(task),
      quota,
      schema,
      context,
      requestFor: (provider) => {
        const adapted = this.context.adapt(stored, provider.name);
        return {
          system: systemPromptFor(task, context, adapted.system),
          messages: taskMessages(task, context, adapted.messages),
          ...(schemaName ? { jsonSchema: jsonSchemaForName(schemaName) } : {}),
          maxTokens: task.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
          taskType: task.type,
          startupId: task.startupId,
          context,
          input: task.input,
        };
      },
    }).catch(async (error: unknown) => {
      // The task's own error matters more; counts a failed write loses are rewritten with the next.
      await flushLearned().catch(() => {});
      throw error;
    });
    const finishedAt = this.env.clock();
    const base = {
      taskId: task.id,
      startupId: task.startupId,
      attempts,
      startedAt,
      finishedAt,
      durationMs: this.env.now() - t0,
    };
    if (!best) {
      await flushLearned();
      return {
        ...base,
        status: 'failed',
        output: null,
        error: failedTaskError(task.type, failures),
      };
    }
    // The kept answer's usage, the task's context record and what routing learned: one statement.
    const recorded = this.context.documentsOf(
      task.startupId,
      { provider: best.provider, taskType: task.type, content: summarizeOutput(best.output), at: finishedAt },
      insightsFrom(task.type, best.output),
    );
    await this.env.store.settleUsage(best.record, [...recorded, ...learned.splice(0)]);
    return {
      ...base,
      status: 'succeeded',
      output: best.output,
      provider: best.provider,
      model: best.model,
      qualityScore: best.quality,
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

  private judgeNamed(name: string): IProvider {
    const judge = this.providers.get(name);
    if (!judge) {
      throw new InvalidConfigError({
        message: `The quality judge "${name}" is not a configured provider; use one of: ${[...this.providers.keys()].join(', ')}.`,
      });
    }
    return judge;
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
}
