import { z } from 'zod';
import { SpecDiff } from './spec-diff';

/**
 * One generation of a project, as its git repository records it: the factory's pristine render on
 * the `factory/pristine` branch, the founder's tree on `main`.
 */
export const Generation = z.object({
  generation: z.number().int().min(1),
  /**
   * How the generation came about: the first render recorded, an evolve, a template upgrade (the
   * same spec on a newer template version), or a rollback to an earlier one.
   */
  kind: z.enum(['initial', 'evolve', 'upgrade', 'rollback']),
  /** The spec version rendered (the generation a rollback returned to keeps its version). */
  specVersion: z.number().int().min(1),
  specSha256: z.string().regex(/^[0-9a-f]{64}$/),
  template: z.string(),
  /** The template's declared version, or 0.0.0 when it declares none. */
  templateVersion: z.string(),
  pristineCommit: z.string().regex(/^[0-9a-f]{40}$/),
  userCommit: z.string().regex(/^[0-9a-f]{40}$/),
  /** Migration files this generation added to db/migrations. */
  migrations: z.array(z.string()),
  createdAt: z.string(),
});
export type Generation = z.infer<typeof Generation>;

/** A file an evolve changes in the founder's tree, and why when it is removed. */
export const PlannedFileChange = z.object({
  path: z.string(),
  change: z.enum(['added', 'modified', 'deleted']),
  reason: z.string().optional(),
});
export type PlannedFileChange = z.infer<typeof PlannedFileChange>;

/** What an evolve will do, shown before it is approved. */
export const EvolvePlan = z.object({
  fromGeneration: z.number().int().min(1),
  toGeneration: z.number().int().min(1),
  diff: SpecDiff,
  /** The numbered migration the spec diff becomes, or null when the schema stays. */
  migration: z.object({ file: z.string(), sql: z.string() }).nullable(),
  /** The factory's own changes (previous pristine render to the new one). */
  files: z.array(PlannedFileChange),
});
export type EvolvePlan = z.infer<typeof EvolvePlan>;

/** How an evolve ended; a failed gate is an EVOLVE_FAILED error, with everything left as it was. */
export const EvolveOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('planned'), plan: EvolvePlan }),
  z.object({
    status: z.literal('evolved'),
    plan: EvolvePlan,
    generation: Generation,
    /** Files that differ from the factory's render because the founder changed them, kept. */
    keptEdits: z.array(z.string()),
    /** What the gate checked, step by step. */
    gate: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  }),
  z.object({
    status: z.literal('conflicts'),
    plan: EvolvePlan,
    /** Files whose merge has conflict markers, in `worktree` on `branch`; the project is unchanged. */
    conflicts: z.array(z.string()),
    branch: z.string(),
    worktree: z.string(),
  }),
]);
export type EvolveOutcome = z.infer<typeof EvolveOutcome>;
