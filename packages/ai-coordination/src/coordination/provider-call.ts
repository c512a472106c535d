import { randomUUID } from 'node:crypto';
import {
  type AICallOutcome,
  type AICallReason,
  type AIUsageRecord,
  type APIQuota,
  type ChatMessage,
  type CompletionRequest,
  type CompletionResponse,
  hasErrorCode,
  InvalidOutputError,
  type IProvider,
  type IStateStore,
  type PhaseKey,
  type ProviderError,
} from '@startup-factory/contracts';
import type { z } from 'zod';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../providers/default-models';
import { mayHaveBeenBilled, toProviderError } from '../providers/to-provider-error';
import { parseModelJson } from '../structured/parse-model-json';
import { costUsd, type ModelPrice } from './price-table';
import { maxCallCostUsd, reserveWithinQuota } from './quota-guard';
import type { SecretRedactor } from './secret-redactor';
import type { RandomSource } from './seeded-random';

export interface RetryPolicy {
  /**
   * Calls a task makes to its first provider before it fails over (429, 5xx, timeouts and a
   * re-ask count alike); each further provider gets at least one more. Default 3.
   */
  maxAttempts: number;
  baseDelayMs: number;
  /** Longest wait between attempts; a Retry-After asking for more moves on to the next provider. */
  maxDelayMs: number;
}

export interface CallEnvironment {
  store: IStateStore;
  prices: Readonly<Record<string, ModelPrice>>;
  clock: () => Date;
  /** Monotonic milliseconds for latencies; inject a virtual one to simulate slow providers. */
  now: () => number;
  random: RandomSource;
  sleep: (ms: number) => Promise<void>;
  redactor: SecretRedactor;
  retry: RetryPolicy;
  log: (level: 'info' | 'warn', message: string) => void;
}

export interface CallJob {
  provider: IProvider;
  request: CompletionRequest;
  schema: z.ZodType | undefined;
  quota: APIQuota;
  startupId: string;
  taskId: string;
  taskType: string;
  phase?: PhaseKey | undefined;
  /** Why the first call is made: the task's first, or a fallback after another provider. */
  firstReason: Extract<AICallReason, 'first' | 'fallback'>;
  /** Calls this provider may make for the task: its share of the task's attempts, at least 1. */
  maxCalls: number;
  /**
   * Leave the answering call's usage record to the caller (`CallResult.settled` false), who settles
   * it once it knows whether the answer is kept; every other call is settled here as it ends.
   */
  deferAnswerSettle?: boolean;
}

/** What one provider's calls for a task came to, whether it answered or not. */
export interface CallTally {
  calls: number;
  /** Calls repeated after a transient error (429, 5xx, timeout). */
  retries: number;
  /** Calls repeated with the validation errors after a schema-invalid answer. */
  reasks: number;
  /** Answers that did not satisfy the schema. */
  invalidAnswers: number;
  costUsd: number;
  /** Every call's latency, failed ones included. */
  latencyMs: number;
}

export interface CallResult extends CallTally {
  output: unknown;
  model: string;
  /** The usage record of the call that answered: settled, unless `settled` is false (deferAnswerSettle). */
  record: AIUsageRecord;
  settled: boolean;
}

/** A failure after which the coordinator may try the next provider; carries what its calls came to. */
export class ProviderAttemptsFailed extends Error {
  readonly calls: number;
  readonly costUsd: number;
  constructor(
    readonly error: ProviderError | InvalidOutputError,
    readonly tally: CallTally,
  ) {
    super(error.message);
    this.calls = tally.calls;
    this.costUsd = tally.costUsd;
  }
}

/** Exponential backoff with jitter, or exactly what the provider asked for with Retry-After. */
export function backoffMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: RandomSource,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** A call booked before it is made: the usage record that settles once it ends. */
interface Booking {
  record: AIUsageRecord;
  /** The provider's cached answer, when the quota was spent but its cache could answer for free. */
  cached: CompletionResponse | null;
}

/**
 * Calls one provider for one task, up to `job.maxCalls` times: each call booked against the quota
 * before it is sent and settled after (an interrupted one at its estimate), transient errors
 * retried with backoff or after exactly the Retry-After asked for, and one re-ask with the
 * validation errors when the JSON does not fit the schema.
 */
export async function callProvider(env: CallEnvironment, job: CallJob): Promise<CallResult> {
  const { provider, schema } = job;
  let messages: ChatMessage[] = [...job.request.messages];
  const tally: CallTally = { calls: 0, retries: 0, reasks: 0, invalidAnswers: 0, costUsd: 0, latencyMs: 0 };
  let reason: AICallReason = job.firstReason;
  for (;;) {
    const booking = await book(env, job, messages, tally.calls + 1, reason);
    tally.calls += 1;
    const calls = tally.calls;
    const started = env.now();
    let response: CompletionResponse;
    try {
      response = booking.cached ?? (await provider.complete({ ...job.request, messages }));
    } catch (raw) {
      const error = toProviderError(provider.name, raw, (t) => env.redactor.redact(t));
      // What is known of a call with no answer: nothing billed for an HTTP error, else the estimate.
      const cost = mayHaveBeenBilled(error) ? booking.record.costUsd : 0;
      const latencyMs = env.now() - started;
      tally.costUsd += cost;
      tally.latencyMs += latencyMs;
      await settle(env, booking, 'error', { latencyMs, costUsd: cost });
      if (error.permanent || calls >= job.maxCalls) throw new ProviderAttemptsFailed(error, tally);
      if (error.retryAfterMs !== undefined && error.retryAfterMs > env.retry.maxDelayMs) {
        env.log(
          'warn',
          `${provider.name} asked to wait ${error.retryAfterMs} ms, more than ${env.retry.maxDelayMs} ms; moving on`,
        );
        throw new ProviderAttemptsFailed(error, tally);
      }
      tally.retries += 1;
      reason = 'retry';
      const delay = backoffMs(tally.retries, error.retryAfterMs, env.retry, env.random);
      env.log('warn', `${provider.name} failed (${error.status ?? 'no status'}), retrying in ${delay} ms`);
      await env.sleep(delay);
      continue;
    }
    const latencyMs = env.now() - started;
    const cached = response.cached === true;
    const cost = cached
      ? 0
      : costUsd(response.model, response.inputTokens, response.outputTokens, env.prices);
    tally.costUsd += cost;
    tally.latencyMs += latencyMs;
    // An answer cut at the output limit is incomplete even when what arrived happens to parse.
    const limit = job.request.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
    const cut = response.finishReason === 'length';
    const parsed = cut
      ? { ok: false as const, errors: [`the answer was cut off at the output limit of ${limit} tokens`] }
      : schema
        ? parseModelJson(response.text, schema)
        : { ok: true as const, value: response.text };
    // A cache hit never reached the vendor: recorded as 'cached', which quotas do not count.
    const outcome = cached ? 'cached' : parsed.ok ? 'success' : 'invalid_output';
    const measured = {
      model: response.model,
      latencyMs,
      inputTokens: response.inputTokens,
      outputTokens: response.outputTokens,
      costUsd: cost,
    };
    if (parsed.ok && job.deferAnswerSettle) {
      const record = endedRecord(booking, outcome, measured);
      return { ...tally, output: parsed.value, model: response.model, record, settled: false };
    }
    const record = await settle(env, booking, outcome, measured);
    if (parsed.ok) return { ...tally, output: parsed.value, model: response.model, record, settled: true };
    tally.invalidAnswers += 1;
    const reasked = tally.reasks > 0;
    if (reasked || calls >= job.maxCalls) {
      const error = new InvalidOutputError({
        message: env.redactor.redact(
          cut
            ? `${provider.name} stopped at the output limit of ${limit} tokens before its answer was complete${reasked ? ', also after a re-ask' : ''}. Raise the task's maxOutputTokens, or use a model that answers more briefly.`
            : `${provider.name} returned output that does not satisfy ${job.request.jsonSchema?.name ?? 'the schema'}${reasked ? ' even after a re-ask' : ''}: ${parsed.errors.slice(0, 5).join('; ')}`,
        ),
      });
      throw new ProviderAttemptsFailed(error, tally);
    }
    tally.reasks += 1;
    reason = 'reask';
    env.log(
      'warn',
      `${provider.name} ${cut ? `stopped at the output limit of ${limit} tokens` : 'returned invalid output'}, re-asking once`,
    );
    messages = [
      ...messages,
      // An empty turn is refused by strict servers; a cut answer may be empty.
      { role: 'assistant', content: response.text.slice(0, 20_000) || '(no answer)' },
      {
        role: 'user',
        content: cut
          ? `Your reply was cut off at the output limit of ${limit} tokens before it was complete. Reply again with the whole answer within that limit: fewer items and shorter texts, only the JSON.`
          : `Your reply did not satisfy the required JSON Schema. Problems:\n- ${parsed.errors.join('\n- ')}\nReply again with only the corrected JSON.`,
      },
    ];
  }
}

/**
 * Books the next call at the most it may cost. Over quota, a provider that can answer from its
 * cache still may (a hit costs nothing and is recorded as such); otherwise QUOTA_EXCEEDED.
 */
async function book(
  env: CallEnvironment,
  job: CallJob,
  messages: ChatMessage[],
  attempt: number,
  reason: AICallReason,
): Promise<Booking> {
  const model = job.request.model ?? job.provider.defaultModel;
  const record: AIUsageRecord = {
    id: randomUUID(),
    startupId: job.startupId,
    taskId: job.taskId,
    taskType: job.taskType,
    provider: job.provider.name,
    model,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: maxCallCostUsd({ ...job.request, messages }, model, env.prices),
    latencyMs: 0,
    outcome: 'reserved',
    attempt,
    createdAt: env.clock(),
    reason,
    ...(job.phase ? { phase: job.phase } : {}),
  };
  try {
    await reserveWithinQuota(env.store, record, job.quota);
    return { record, cached: null };
  } catch (error) {
    if (!hasErrorCode(error, 'QUOTA_EXCEEDED') || !job.provider.answerFromCache) throw error;
    const hit = await job.provider.answerFromCache({ ...job.request, messages }).catch(() => null);
    if (hit?.cached !== true) throw error;
    return { record: { ...record, costUsd: 0 }, cached: hit };
  }
}

/** Replaces the booking with what the call did; a cache hit outside the quota is recorded anew. */
async function settle(
  env: CallEnvironment,
  booking: Booking,
  outcome: AICallOutcome,
  m: CallMeasures,
): Promise<AIUsageRecord> {
  const record = endedRecord(booking, outcome, m);
  await env.store.settleUsage(record);
  return record;
}

type CallMeasures = {
  model?: string;
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd: number;
};

/** The booking's record as the call ended. */
function endedRecord(booking: Booking, outcome: AICallOutcome, m: CallMeasures): AIUsageRecord {
  return {
    ...booking.record,
    model: m.model ?? booking.record.model,
    inputTokens: m.inputTokens ?? 0,
    outputTokens: m.outputTokens ?? 0,
    costUsd: m.costUsd,
    latencyMs: Math.max(0, m.latencyMs),
    outcome,
  };
}
