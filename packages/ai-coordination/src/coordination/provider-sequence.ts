import { randomUUID } from 'node:crypto';
import {
  type AIUsageRecord,
  type APIQuota,
  type CompletionRequest,
  FactoryError,
  hasErrorCode,
  type IProvider,
  type ProviderFailure,
  type QuotaExceededError,
  type StartupContext,
  type Task,
} from '@startup-factory/contracts';
import type { z } from 'zod';
import type { DocumentWrite, LearningEngine } from './learning-engine';
import { judgeAnswer } from './model-judge';
import { type CallEnvironment, callProvider, ProviderAttemptsFailed } from './provider-call';
import { deliveredQuality, type QualityOrchestrator } from './quality-orchestrator';
import { TaskAttempts } from './task-attempts';

/** What runs a task through its providers in order; the coordinator owns each of them. */
export interface ProviderSequenceDeps {
  env: CallEnvironment;
  quality: QualityOrchestrator;
  learning: LearningEngine;
  attemptsByProvider: Readonly<Record<string, number>>;
  /** The provider that grades valid answers (off when unset): half the score, the heuristics the other half. */
  judge?: IProvider | undefined;
}

export interface SequenceJob {
  task: Task;
  order: IProvider[];
  quota: APIQuota;
  schema: z.ZodType | undefined;
  context: StartupContext;
  /** The request for a provider: its system prompt and messages carry that provider's view of the context. */
  requestFor(provider: IProvider): CompletionRequest;
  /** Receives the learning engine's documents, for the caller to write with its own (one statement). */
  learned?: DocumentWrite[];
}

export interface KeptAnswer {
  output: unknown;
  provider: string;
  model: string;
  /** The orchestrator's score; `quality` is what the provider delivered (re-asks discounted). */
  score: number;
  quality: number;
  record: AIUsageRecord;
}

export interface SequenceOutcome {
  kept: KeptAnswer | undefined;
  failures: ProviderFailure[];
  calls: number;
}

/**
 * Tries the providers in order within the task's attempts until one gives an answer that passes
 * the quality threshold, keeping the best scored one. Every provider's outcome goes to the learning
 * engine with what it cost: the latency of all its calls, how many calls it needed (retries and
 * re-asks count against it) and the delivered quality (halved by a re-ask). The kept call's usage
 * record is marked `kept` with its delivered quality and returned unsettled: the caller settles it
 * (IStateStore.settleUsage) with the task's own documents, in one statement.
 */
export async function runProviderSequence(
  deps: ProviderSequenceDeps,
  job: SequenceJob,
): Promise<SequenceOutcome> {
  const { env, quality, learning } = deps;
  const { task, order } = job;
  const failures: ProviderFailure[] = [];
  const budget = new TaskAttempts(order, env.retry.maxAttempts, deps.attemptsByProvider);
  let kept: KeptAnswer | undefined;
  let calls = 0;
  let unsettled: AIUsageRecord | undefined;
  try {
    for (const [index, provider] of order.entries()) {
      if (provider.offline && failures.length > 0) {
        env.log('warn', `every AI provider failed on ${task.type}; drafting it offline, as allowed`);
      }
      try {
        const result = await callProvider(env, {
          provider,
          request: job.requestFor(provider),
          schema: job.schema,
          quota: job.quota,
          startupId: task.startupId,
          taskId: task.id,
          taskType: task.type,
          phase: task.phase,
          firstReason: index === 0 ? 'first' : 'fallback',
          maxCalls: budget.shareOf(index),
          // Without a judge the score is worked out here, with no call: the answer's record is
          // settled once, knowing whether it is kept. A judge's call could fail or hang in between.
          deferAnswerSettle: !deps.judge,
        });
        calls += result.calls;
        budget.spend(provider, result.calls);
        const judge = deps.judge;
        const score = await quality
          .score(
            task,
            result.output,
            job.schema,
            judge &&
              ((t, output) =>
                judgeAnswer(env, { judge, task: t, context: job.context, output, quota: job.quota })),
          )
          .catch(async (error: unknown) => {
            if (!result.settled) await env.store.settleUsage(result.record);
            throw error;
          });
        const delivered = deliveredQuality(score.score, result.reasks);
        if (!result.settled) {
          // An answer that passes ends the sequence as the kept one, settled by the caller with its
          // task's records; one below the bar may still be kept as the best of them.
          if (quality.passes(score)) {
            result.record = { ...result.record, kept: true, qualityScore: delivered };
            unsettled = result.record;
          } else {
            await env.store.settleUsage(result.record);
            result.settled = true;
          }
        }
        await learning.record(
          task.type,
          provider.name,
          {
            success: true,
            quality: delivered,
            costUsd: result.costUsd,
            latencyMs: result.latencyMs,
            calls: result.calls,
          },
          job.learned,
        );
        if (!kept || score.score > kept.score) {
          kept = {
            output: result.output,
            provider: provider.name,
            model: result.model,
            score: score.score,
            quality: delivered,
            record: result.record,
          };
        }
        if (quality.passes(score)) break;
        env.log(
          'info',
          `${provider.name} scored ${score.score} on ${task.type}, below ${quality.threshold}; trying the next provider`,
        );
      } catch (error) {
        if (hasErrorCode(error, 'QUOTA_EXCEEDED')) {
          await recordRefusal(env, task, provider, error as QuotaExceededError);
          throw error;
        }
        if (!(error instanceof ProviderAttemptsFailed)) throw error;
        calls += error.calls;
        budget.spend(provider, error.calls);
        failures.push({
          provider: provider.name,
          code: provider.offline ? refusalCode(error.error) : error.error.code,
          message: env.redactor.redact(error.error.message),
        });
        await learning.record(
          task.type,
          provider.name,
          {
            success: false,
            quality: 0,
            costUsd: error.costUsd,
            latencyMs: error.tally.latencyMs,
            calls: error.calls,
          },
          job.learned,
        );
        env.log('warn', `${provider.name} failed on ${task.type}: ${error.error.message}`);
      }
    }
  } catch (error) {
    // Nothing will settle the kept answer now: it is settled as a call that answered, not kept.
    if (unsettled) await env.store.settleUsage({ ...unsettled, kept: false }).catch(() => {});
    throw error;
  }
  if (unsettled && kept?.record !== unsettled) await env.store.settleUsage({ ...unsettled, kept: false });
  if (kept && !kept.record.kept) kept.record = { ...kept.record, kept: true, qualityScore: kept.quality };
  return { kept, failures, calls };
}

async function recordRefusal(
  env: CallEnvironment,
  task: Task,
  provider: IProvider,
  error: QuotaExceededError,
): Promise<void> {
  env.log('warn', error.message);
  await env.store.recordUsage({
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
    createdAt: env.clock(),
    ...(task.phase ? { phase: task.phase } : {}),
  });
}

/**
 * The code of an offline failure: the offline provider refuses on purpose (the reviser's
 * CHANGE_NOT_UNDERSTOOD) with that error as the cause, and its code is what the task reports.
 */
function refusalCode(error: { code: string; cause?: unknown }): string {
  return FactoryError.isInstance(error.cause) ? error.cause.code : error.code;
}
