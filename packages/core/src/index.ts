export { EventRecorder } from './pipeline/event-recorder';
export { AI_PHASE_PLANS, type AiPhasePlan, GATED_PHASES, type PlannedTask } from './pipeline/phase-plan';
export { type IDeployer, Pipeline, type PipelineOptions } from './pipeline/pipeline';
export {
  type IProjectValidator,
  NpmProjectValidator,
  type ProjectValidationReport,
  type ValidationStep,
} from './pipeline/project-validator';
export { planTaskId } from './pipeline/run-plan';
