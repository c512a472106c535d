import { z } from 'zod';
import { MvpSpec } from '../schemas/mvp-spec';
import { EvolvePlan } from './generation';

/**
 * What a plan was made against: the project's last generation and pristine render, the spec it
 * runs and the installed template version. Approval is refused when any of them moved since.
 */
export const EvolveBase = z.object({
  /** The last recorded generation, or 0 for a project never evolved. */
  generation: z.number().int().min(0),
  pristineCommit: z.string().nullable(),
  specSha256: z.string(),
  templateVersion: z.string(),
});
export type EvolveBase = z.infer<typeof EvolveBase>;

/**
 * An evolve shown to the founder and waiting for `factory approve` (or a reject): the exact spec
 * that approval applies, so a change in words is never sent to the AI a second time.
 */
export const PendingEvolution = z.object({
  startupId: z.string(),
  spec: MvpSpec,
  plan: EvolvePlan,
  base: EvolveBase,
  /** The change in words it was drafted from, or null for an edited spec. */
  change: z.string().nullable(),
  /** The spec came from the offline reviser, not a model. */
  specDraftedOffline: z.boolean(),
  createdAt: z.string(),
});
export type PendingEvolution = z.infer<typeof PendingEvolution>;
