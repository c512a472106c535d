import {
  type AIUsageRecord,
  type APIQuota,
  type ChatMessage,
  type CompletionRequest,
  type IStateStore,
  QuotaExceededError,
} from '@startup-factory/contracts';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../providers/default-models';
import { costUsd, type ModelPrice } from './price-table';

/** Tokens a request carries beyond its text: role markers per message, tool and format framing per call. */
const TOKENS_PER_MESSAGE = 8;
const TOKENS_PER_CALL = 512;

const utf8Lengths = new WeakMap<object, number>();

/** UTF-8 bytes of a JSON Schema as sent; the schemas are shared objects, so each is measured once. */
function schemaBytes(schema: Record<string, unknown>): number {
  let length = utf8Lengths.get(schema);
  if (length === undefined) {
    length = Buffer.byteLength(JSON.stringify(schema));
    utf8Lengths.set(schema, length);
  }
  return length;
}

/**
 * The most a call may cost, known before it is made, so that booking it keeps the day within its
 * limit. A byte-level tokenizer's tokens each cover at least one byte, so the prompt (system,
 * messages and JSON Schema) is at most its UTF-8 length in tokens, plus framing, at the model's
 * input price; the answer at most `maxTokens` (else DEFAULT_MAX_OUTPUT_TOKENS) at its output price.
 */
export function maxCallCostUsd(
  request: Pick<CompletionRequest, 'system' | 'jsonSchema' | 'maxTokens'> & { messages: ChatMessage[] },
  model: string,
  prices: Readonly<Record<string, ModelPrice>>,
): number {
  const promptTokens =
    Buffer.byteLength(request.system ?? '') +
    request.messages.reduce((n, m) => n + Buffer.byteLength(m.content) + TOKENS_PER_MESSAGE, 0) +
    (request.jsonSchema ? schemaBytes(request.jsonSchema.schema) : 0) +
    TOKENS_PER_CALL;
  return costUsd(model, promptTokens, request.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS, prices);
}

/**
 * Books a call against the startup's quota before it is made: `record` (outcome `reserved`, its
 * cost the estimate) is stored atomically with the check, across processes sharing the store,
 * and settled to what the call did afterwards. Throws QuotaExceededError, saying what to do, when
 * the call would pass the calls-per-hour or cost-per-day limit; then nothing is booked or sent.
 */
export async function reserveWithinQuota(
  store: IStateStore,
  record: AIUsageRecord,
  quota: APIQuota,
): Promise<void> {
  const result = await store.reserveUsage(record, quota);
  if (result.reserved) return;
  const { startupId } = record;
  if (result.limit === 'callsPerHour') {
    throw new QuotaExceededError({
      startupId,
      limit: 'callsPerHour',
      message: `Startup ${startupId} has made ${result.callsLastHour} AI calls in the last hour, its limit is ${quota.callsPerHour}. Wait, or raise apiQuota.callsPerHour in its allocation.`,
    });
  }
  const next = record.costUsd > 0 ? `, the next call may cost up to $${record.costUsd.toFixed(4)}` : '';
  throw new QuotaExceededError({
    startupId,
    limit: 'costPerDayUsd',
    message: `Startup ${startupId} has spent $${result.costLastDayUsd.toFixed(4)} on AI in the last day${next}, and its limit is $${quota.costPerDayUsd}. Wait, or raise apiQuota.costPerDayUsd in its allocation.`,
  });
}
