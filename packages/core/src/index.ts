export { RedisEventBus, type RedisEventBusOptions } from './events/redis-event-bus';
export { type DependencyChange, DependencyMonitor, type DependencyName } from './outage/dependency-monitor';
export { DEFAULT_PHASE_IMPLEMENTATIONS, DEFAULT_PIPELINE_PHASES } from './pipeline/default-phases';
export { EventRecorder } from './pipeline/event-recorder';
export { PHASE_DOCUMENTS } from './pipeline/phase-documents';
export {
  type AiPhaseImplementation,
  definePipelinePhases,
  type PhaseImplementation,
  type PhaseImplementations,
  type PhaseOutcome,
  type PhaseStepContext,
  type PipelinePhase,
  type StepPhaseImplementation,
} from './pipeline/phase-implementation';
export { AI_PHASE_PLANS, type AiPhaseName, type AiPhasePlan, type PlannedTask } from './pipeline/phase-plan';
export { Pipeline, type PipelineOptions } from './pipeline/pipeline';
export {
  type InstallSettings,
  NpmProjectValidator,
  type NpmValidatorOptions,
  type ValidationObserver,
} from './pipeline/project-validator';
export { planTaskId } from './pipeline/run-plan';
export { taskFailure } from './pipeline/task-failure';
export { type BullMqQueueOptions, BullMqTaskQueue } from './queue/bullmq-task-queue';
export type { CircuitBreakerOptions } from './queue/circuit-breaker';
export { type CreateTaskQueueOptions, createTaskQueue } from './queue/create-task-queue';
export { InProcessTaskQueue } from './queue/in-process-task-queue';
export type { ProviderLimit } from './queue/provider-limiter';
export { createQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue/queue-worker';
export { probeRedis } from './queue/redis-probe';
export { isRetryable, type RetryOptions, retryDelayMs } from './queue/retry-policy';
export type { StartupCallQuota, TaskQueueOptions } from './queue/task-queue-options';
export { detectCpuCores, detectTotalMemoryMb } from './resources/host-capacity';
export { isPortFree } from './resources/is-port-free';
export { ResourceAllocator, type ResourceAllocatorOptions } from './resources/resource-allocator';
export type { ReconcileReport } from './startup/reconcile';
export { StartupManager, type StartupManagerOptions } from './startup/startup-manager';
export {
  createStateStore,
  DEFAULT_DATA_DIR,
  redactUrl,
  type StateStoreOptions,
} from './store/create-state-store';
export { MIGRATIONS, type Migration, runMigrations } from './store/migrations';
export { PgAdapter, type PgAdapterOptions } from './store/pg-adapter';
export { probePostgres } from './store/pg-probe';
export { PGliteAdapter } from './store/pglite-adapter';
export type { SqlAdapter, SqlExecutor } from './store/sql-adapter';
export { SqlStateStore } from './store/sql-state-store';
export {
  classifyStatement,
  StatementCounter,
  type StatementCounts,
  type StatementKind,
} from './store/statement-counter';
export type { StatementListener } from './store/statement-listeners';
