import { randomUUID } from 'node:crypto';
import {
  type AICallOutcome,
  type APIQuota,
  type ChatMessage,
  type CompletionRequest,
  type CompletionResponse,
  hasErrorCode,
  InvalidOutputError,
  type IProvider,
  type IStateStore,
  type ProviderError,
} from '@startup-factory/contracts';
import type { z } from 'zod';
import { toProviderError } from '../providers/to-provider-error';
import { parseModelJson } from '../structured/parse-model-json';
import { costUsd, type ModelPrice } from './price-table';
import { assertWithinQuota } from './quota-guard';
import type { SecretRedactor } from './secret-redactor';
import type { RandomSource } from './seeded-random';

export interface RetryPolicy {
  /** Attempts per provider for transient failures (429, 5xx, timeouts). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface CallEnvironment {
  store: IStateStore;
  prices: Readonly<Record<string, ModelPrice>>;
  clock: () => Date;
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
}

export interface CallResult {
  output: unknown;
  model: string;
  costUsd: number;
  latencyMs: number;
  calls: number;
}

/** A failure after which the coordinator may try the next provider; carries how many calls were made. */
export class ProviderAttemptsFailed extends Error {
  constructor(
    readonly error: ProviderError | InvalidOutputError,
    readonly calls: number,
    readonly costUsd: number,
  ) {
    super(error.message);
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

/**
 * Calls one provider for one task: quota check before every call, retries of transient errors,
 * one re-ask with the validation errors when the JSON does not fit the schema, and a usage
 * record for every call made.
 */
export async function callProvider(env: CallEnvironment, job: CallJob): Promise<CallResult> {
  const { provider, schema } = job;
  let messages: ChatMessage[] = [...job.request.messages];
  let calls = 0;
  let spent = 0;
  let transientFailures = 0;
  let reasked = false;
  for (;;) {
    // Over quota, a provider that can answer from its cache still may: a hit costs nothing.
    const fromCache = await withinQuotaOrCached(env, job, messages);
    calls += 1;
    const started = performance.now();
    let response: CompletionResponse;
    try {
      response = fromCache ?? (await provider.complete({ ...job.request, messages }));
    } catch (raw) {
      const error = toProviderError(provider.name, raw, (t) => env.redactor.redact(t));
      await record(env, job, calls, 'error', {
        model: job.request.model ?? provider.defaultModel,
        latencyMs: performance.now() - started,
      });
      transientFailures += 1;
      if (error.permanent || transientFailures >= env.retry.maxAttempts)
        throw new ProviderAttemptsFailed(error, calls, spent);
      const delay = backoffMs(transientFailures, error.retryAfterMs, env.retry, env.random);
      env.log('warn', `${provider.name} failed (${error.status ?? 'no status'}), retrying in ${delay} ms`);
      await env.sleep(delay);
      continue;
    }
    const latencyMs = performance.now() - started;
    const cached = response.cached === true;
    const cost = cached
      ? 0
      : costUsd(response.model, response.inputTokens, response.outputTokens, env.prices);
    spent += cost;
    const parsed = schema
      ? parseModelJson(response.text, schema)
      : { ok: true as const, value: response.text };
    // A cache hit never reached the vendor: recorded as 'cached', which quotas do not count.
    await record(env, job, calls, cached ? 'cached' : parsed.ok ? 'success' : 'invalid_output', {
      model: response.model,
      latencyMs,
      inputTokens: response.inputTokens,
      outputTokens: response.outputTokens,
      costUsd: cost,
    });
    if (parsed.ok) return { output: parsed.value, model: response.model, costUsd: spent, latencyMs, calls };
    if (reasked) {
      const error = new InvalidOutputError({
        message: env.redactor.redact(
          `${provider.name} returned output that does not satisfy ${job.request.jsonSchema?.name ?? 'the schema'} even after a re-ask: ${parsed.errors.slice(0, 5).join('; ')}`,
        ),
      });
      throw new ProviderAttemptsFailed(error, calls, spent);
    }
    reasked = true;
    env.log('warn', `${provider.name} returned invalid output, re-asking once`);
    messages = [
      ...messages,
      { role: 'assistant', content: response.text.slice(0, 20_000) },
      {
        role: 'user',
        content: `Your reply did not satisfy the required JSON Schema. Problems:\n- ${parsed.errors.join('\n- ')}\nReply again with only the corrected JSON.`,
      },
    ];
  }
}

const schemaLengths = new WeakMap<object, number>();

/** Characters of a JSON Schema as sent; the schemas are shared objects, so each is measured once. */
function schemaLength(schema: Record<string, unknown>): number {
  let length = schemaLengths.get(schema);
  if (length === undefined) {
    length = JSON.stringify(schema).length;
    schemaLengths.set(schema, length);
  }
  return length;
}

/** Output tokens assumed for a call that sets no maxTokens: a generous structured answer. */
const EXPECTED_OUTPUT_TOKENS = 2048;

/**
 * What a call may cost before it is made: the prompt (system, messages and JSON Schema, about four
 * characters a token) at the model's input price plus maxTokens (or EXPECTED_OUTPUT_TOKENS) at
 * its output price.
 */
function estimateCostUsd(env: CallEnvironment, job: CallJob, messages: ChatMessage[]): number {
  const prompt =
    (job.request.system ?? '').length +
    messages.reduce((n, m) => n + m.content.length, 0) +
    (job.request.jsonSchema ? schemaLength(job.request.jsonSchema.schema) : 0);
  const model = job.request.model ?? job.provider.defaultModel;
  return costUsd(model, Math.ceil(prompt / 4), job.request.maxTokens ?? EXPECTED_OUTPUT_TOKENS, env.prices);
}

/** Null when within quota; the provider's cached answer when over quota and it has one; else throws. */
async function withinQuotaOrCached(
  env: CallEnvironment,
  job: CallJob,
  messages: ChatMessage[],
): Promise<CompletionResponse | null> {
  try {
    await assertWithinQuota(
      env.store,
      job.startupId,
      job.quota,
      env.clock(),
      estimateCostUsd(env, job, messages),
    );
    return null;
  } catch (error) {
    if (!hasErrorCode(error, 'QUOTA_EXCEEDED') || !job.provider.answerFromCache) throw error;
    const hit = await job.provider.answerFromCache({ ...job.request, messages }).catch(() => null);
    if (hit?.cached !== true) throw error;
    return hit;
  }
}

async function record(
  env: CallEnvironment,
  job: CallJob,
  attempt: number,
  outcome: AICallOutcome,
  m: { model: string; latencyMs: number; inputTokens?: number; outputTokens?: number; costUsd?: number },
): Promise<void> {
  await env.store.recordUsage({
    id: randomUUID(),
    startupId: job.startupId,
    taskId: job.taskId,
    taskType: job.taskType,
    provider: job.provider.name,
    model: m.model,
    inputTokens: m.inputTokens ?? 0,
    outputTokens: m.outputTokens ?? 0,
    costUsd: m.costUsd ?? 0,
    latencyMs: Math.max(0, m.latencyMs),
    outcome,
    attempt,
    createdAt: env.clock(),
  });
}
