import { type IAICoordinator, StartupContext, type TaskResult } from '@startup-factory/contracts';
import { taskFor } from './fixtures';

/** The eight AI tasks the pipeline runs, in order, as core's phase plan submits them. */
export const PIPELINE_TASKS = [
  { phase: 'founder_analysis', type: 'founder_analysis', outputSchema: 'founder_analysis' },
  { phase: 'market_research', type: 'market_research.competitors', outputSchema: 'market_landscape' },
  { phase: 'market_research', type: 'market_research.market_size', outputSchema: 'market_size' },
  { phase: 'market_research', type: 'market_research.personas', outputSchema: 'market_personas' },
  { phase: 'market_research', type: 'market_research.pricing', outputSchema: 'market_pricing' },
  { phase: 'mvp_spec', type: 'mvp_spec', outputSchema: 'mvp_spec' },
  { phase: 'architecture', type: 'architecture', outputSchema: 'architecture' },
  { phase: 'architecture', type: 'code_slots', outputSchema: 'code_slots' },
] as const;

/** A founder profile with every field set, each carrying a marker a test can look for. */
export const FULL_FOUNDER = {
  name: 'Ada Osei',
  background: 'Ran dispatch for a 40-van courier in Leeds (marker-background)',
  skills: ['dispatch planning', 'marker-skill-sql'],
  experienceYears: 17,
  goals: 'Reach 50 paying courier firms within 18 months (marker-goals)',
};

export function founderContext(startupId: string, phaseOutputs: Record<string, unknown> = {}) {
  return StartupContext.parse({
    startupId,
    config: {
      name: 'Routely',
      industry: 'Logistics',
      category: 'B2B SaaS',
      description: 'Route planning for small courier firms.',
      founderProfile: FULL_FOUNDER,
    },
    phaseOutputs,
  });
}

/**
 * Runs the eight tasks in order through a coordinator, handing each the outputs of the phases
 * finished before its own, as the pipeline does.
 */
export async function runPipelineTasks(coordinator: IAICoordinator, startupId: string) {
  const finished: Record<string, unknown> = {};
  const pending: Record<string, unknown> = {};
  const results: Array<TaskResult & { type: string }> = [];
  let phase: string = PIPELINE_TASKS[0].phase;
  for (const step of PIPELINE_TASKS) {
    if (step.phase !== phase) {
      Object.assign(finished, pending);
      phase = step.phase;
    }
    const result = await coordinator.executeTaskWithContext(
      taskFor(startupId, step.type, { outputSchema: step.outputSchema, phase: step.phase }),
      founderContext(startupId, { ...finished }),
    );
    results.push({ ...result, type: step.type });
    if (result.status === 'succeeded') pending[step.phase] = result.output;
  }
  return results;
}
