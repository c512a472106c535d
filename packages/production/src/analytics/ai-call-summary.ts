import { type AIUsageRecord, PHASES, type PhaseName } from '@startup-factory/contracts';

/** What a set of recorded AI calls came to: one phase's, one startup's or one provider's. */
export interface AiCallSummary {
  /** Calls that reached a provider (quota refusals not counted). */
  calls: number;
  /** Calls repeated after a transient error: 429, 5xx, a timeout. */
  retries: number;
  /** Calls repeated with the validation errors after a schema-invalid answer. */
  reasks: number;
  /** Calls to a next provider (the offline drafter included) after one failed or scored too low. */
  fallbacks: number;
  /** Tasks whose answer was kept. */
  tasks: number;
  /** `provider/model` of the kept answers, most used first. */
  models: string[];
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** Mean delivered quality (0..1) of the kept answers; null when none was scored. */
  quality: number | null;
}

/** A retry: recorded as one, or on records from before reasons were recorded, any later attempt. */
export const isRetryCall = (u: AIUsageRecord): boolean =>
  u.reason === undefined ? u.attempt > 1 : u.reason === 'retry';

export function summarizeAiCalls(records: readonly AIUsageRecord[]): AiCallSummary {
  const models = new Map<string, number>();
  const quality: number[] = [];
  const summary: AiCallSummary = {
    calls: 0,
    retries: 0,
    reasks: 0,
    fallbacks: 0,
    tasks: 0,
    models: [],
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
    latencyMs: 0,
    quality: null,
  };
  for (const u of records) {
    if (u.outcome === 'quota_exceeded') continue;
    summary.calls += 1;
    if (isRetryCall(u)) summary.retries += 1;
    if (u.reason === 'reask') summary.reasks += 1;
    if (u.reason === 'fallback') summary.fallbacks += 1;
    summary.costUsd += u.costUsd;
    summary.inputTokens += u.inputTokens;
    summary.outputTokens += u.outputTokens;
    summary.latencyMs += u.latencyMs;
    if (u.kept) {
      summary.tasks += 1;
      const model = `${u.provider}/${u.model}`;
      models.set(model, (models.get(model) ?? 0) + 1);
      if (u.qualityScore !== undefined) quality.push(u.qualityScore);
    }
  }
  summary.models = [...models.entries()].sort((a, b) => b[1] - a[1]).map(([m]) => m);
  summary.costUsd = Math.round(summary.costUsd * 1e6) / 1e6;
  summary.quality =
    quality.length === 0
      ? null
      : Math.round((quality.reduce((a, b) => a + b, 0) / quality.length) * 1e4) / 1e4;
  return summary;
}

/** The phase a dotted task type names with its head (`market_research.pricing`), if it does. */
export function phaseOfTaskType(taskType: string): PhaseName | undefined {
  const head = taskType.split('.')[0];
  return (PHASES as readonly string[]).includes(head ?? '') ? (head as PhaseName) : undefined;
}

/** The phase a call belongs to: as recorded (any registry's phase), else the default phase its task type names. */
export const phaseOfCall = (u: AIUsageRecord): string | undefined => u.phase ?? phaseOfTaskType(u.taskType);

/** The calls of each phase that made any, in pipeline order; phases the default registry lacks last. */
export function aiCallsByPhase(
  records: readonly AIUsageRecord[],
): Array<{ phase: string; summary: AiCallSummary }> {
  const recorded = records.map(phaseOfCall).filter((p): p is string => p !== undefined);
  return [...new Set<string>([...PHASES, ...recorded])].flatMap((phase) => {
    const mine = records.filter((u) => phaseOfCall(u) === phase);
    return mine.length === 0 ? [] : [{ phase, summary: summarizeAiCalls(mine) }];
  });
}

/** `5 calls (1 retry, 1 re-ask, 1 fallback)`: the calls and why any were repeated or moved on. */
export function formatCallCounts(s: AiCallSummary): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const extras = [
    s.retries > 0 ? plural(s.retries, 'retry', 'retries') : '',
    s.reasks > 0 ? plural(s.reasks, 're-ask') : '',
    s.fallbacks > 0 ? plural(s.fallbacks, 'fallback') : '',
  ].filter(Boolean);
  return `${plural(s.calls, 'call')}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

/** `5 calls (1 retry, 1 re-ask, 1 fallback), openai/gpt-4o-mini, 1200/340 tokens, $0.0012, quality 0.72` */
export function formatAiCalls(s: AiCallSummary): string {
  return [
    formatCallCounts(s),
    s.models.length > 0 ? s.models.join(' + ') : 'no answer kept',
    `${s.inputTokens}/${s.outputTokens} tokens`,
    `$${s.costUsd.toFixed(4)}`,
    ...(s.quality === null ? [] : [`quality ${s.quality.toFixed(2)}`]),
  ].join(', ');
}
