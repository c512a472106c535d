import { z } from 'zod';
import { Timestamp } from './common';

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
  attempt: z.number().int().min(1),
  createdAt: Timestamp,
});
export type AIUsageRecord = z.infer<typeof AIUsageRecord>;

export const UsageTotals = z.object({
  calls: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;
