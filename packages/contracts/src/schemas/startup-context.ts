import { z } from 'zod';
import { JsonRecord, Timestamp } from './common';
import { ResourceAllocation } from './resource-allocation';
import { StartupConfig } from './startup-config';

export const ProviderInteraction = z.object({
  provider: z.string(),
  taskType: z.string(),
  /** What was learned, as text a model can read back. */
  content: z.string(),
  at: Timestamp,
});
export type ProviderInteraction = z.infer<typeof ProviderInteraction>;

/** Insights every provider should see, whatever the token budget. */
export const SharedInsights = z
  .object({
    marketInsights: z.unknown().optional(),
    userPersonas: z.unknown().optional(),
    monetization: z.unknown().optional(),
  })
  .catchall(z.unknown());
export type SharedInsights = z.infer<typeof SharedInsights>;

/**
 * What a task's caller knows of its startup. The coordinator keeps the startup's interactions and
 * shared insights itself (one load per task), so they are not part of what a caller passes.
 */
export const StartupContext = z.object({
  startupId: z.string(),
  config: StartupConfig,
  allocation: ResourceAllocation.nullable().default(null),
  /** Outputs of finished phases, keyed by phase name. */
  phaseOutputs: JsonRecord.default({}),
});
export type StartupContext = z.infer<typeof StartupContext>;
