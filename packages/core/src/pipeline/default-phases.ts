import { PHASE_REGISTRY } from '@startup-factory/contracts';
import { PHASE_DOCUMENTS } from './phase-documents';
import { definePipelinePhases, type PhaseImplementations } from './phase-implementation';
import { AI_PHASE_PLANS } from './phase-plan';
import { deployProject, generateCode, validateProject } from './phase-steps';

/** What each phase of the default registry does; the compiler names a phase left out. */
export const DEFAULT_PHASE_IMPLEMENTATIONS = {
  founder_analysis: { plan: AI_PHASE_PLANS.founder_analysis, documents: PHASE_DOCUMENTS.founder_analysis },
  market_research: { plan: AI_PHASE_PLANS.market_research, documents: PHASE_DOCUMENTS.market_research },
  mvp_spec: { plan: AI_PHASE_PLANS.mvp_spec, documents: PHASE_DOCUMENTS.mvp_spec },
  architecture: { plan: AI_PHASE_PLANS.architecture, documents: PHASE_DOCUMENTS.architecture },
  code_generation: generateCode,
  validation: validateProject,
  deploy: deployProject,
} satisfies PhaseImplementations<typeof PHASE_REGISTRY>;

/** The default pipeline: PHASE_REGISTRY with its implementations. */
export const DEFAULT_PIPELINE_PHASES = definePipelinePhases(PHASE_REGISTRY, DEFAULT_PHASE_IMPLEMENTATIONS);
