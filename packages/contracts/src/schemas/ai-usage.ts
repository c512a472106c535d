import { z } from 'zod';
import { Timestamp } from './common';
import { PhaseKey } from './phase';

/**
 * `reserved`: booked at its estimate before the call was sent, and never settled (the call is in
 * flight, or its process died waiting); it counts against quotas like a call that was made.
 */
export const AICallOutcome = z.enum([
  'success',
  'error',
  'invalid_output',
  'quota_exceeded',
  'cached',
  'reserved',
]);
export type AICallOutcome = z.infer<typeof AICallOutcome>;

/**
 * Why a call was made within its task: `first`, the task's first call; `retry`, the same provider
 * again after a transient error (429, 5xx, timeout); `reask`, the same provider again with the
 * validation errors after a schema-invalid answer; `fallback`, the first call to the next provider
 * (the offline drafter included, when allowed) after the one before failed or scored too low.
 */
export const AICallReason = z.enum(['first', 'retry', 'reask', 'fallback']);
export type AICallReason = z.infer<typeof AICallReason>;

/** One call to a provider, as recorded for quotas, analytics and learning. Never holds a secret. */
export const AIUsageRecord = z.object({
  id: z.string(),
  startupId: z.string(),
  taskId: z.string().optional(),
  taskType: z.string(),
  provider: z.string(),
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  latencyMs: z.number().nonnegative(),
  outcome: AICallOutcome,
  /** Calls this provider made for the task so far, this one included. */
  attempt: z.number().int().min(1),
  createdAt: Timestamp,
  /** The pipeline phase of the task. Absent on records from before it was recorded, and for tasks outside a phase. */
  phase: PhaseKey.optional(),
  /** Absent on records from before it was recorded. */
  reason: AICallReason.optional(),
  /** The task kept this call's answer: set on exactly one call of a task that succeeded. */
  kept: z.boolean().optional(),
  /**
   * On the kept call: the answer's quality, 0..1. The quality orchestrator's score (0 unless the
   * answer satisfies the output schema, then its sections' completeness and specificity), halved
   * when it took a re-ask to get valid JSON. Analytics' `quality` is the mean of these.
   */
  qualityScore: z.number().min(0).max(1).optional(),
});
export type AIUsageRecord = z.infer<typeof AIUsageRecord>;

export const UsageTotals = z.object({
  calls: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;
