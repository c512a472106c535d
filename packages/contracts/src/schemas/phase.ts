import { z } from 'zod';
import { PHASE_REGISTRY } from './phase-registry';

/** The names of the default pipeline's phases: the keys every exhaustive phase map is checked against. */
export type PhaseName = (typeof PHASE_REGISTRY)[number]['name'];

/** The default pipeline's phase names, in order (read from PHASE_REGISTRY). */
export const PHASES = PHASE_REGISTRY.map((p) => p.name) as unknown as readonly [PhaseName, ...PhaseName[]];

/** One of the default pipeline's phases. */
export const PhaseName = z.enum(PHASES);

/**
 * How records (events, tasks, artifacts, a startup's current phase) name a phase: the name of its
 * registry entry. Not an enum, so a pipeline given a registry with more phases stores them too.
 */
export const PhaseKey = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a phase name (lowercase letters, digits and _)');
export type PhaseKey = z.infer<typeof PhaseKey>;

/** Position of a phase in the default pipeline; -1 when it is not one of its phases. */
export function phaseIndex(phase: string): number {
  return (PHASES as readonly string[]).indexOf(phase);
}
