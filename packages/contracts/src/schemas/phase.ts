import { z } from 'zod';

/** The pipeline's phases, in order. `currentPhase` on an instance indexes this list. */
export const PHASES = [
  'founder_analysis',
  'market_research',
  'mvp_spec',
  'architecture',
  'code_generation',
  'validation',
  'deploy',
] as const;

export const PhaseName = z.enum(PHASES);
export type PhaseName = z.infer<typeof PhaseName>;

export function phaseIndex(phase: PhaseName): number {
  return PHASES.indexOf(phase);
}
