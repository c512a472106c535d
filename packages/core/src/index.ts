export { InProcessEventBus } from './events/in-process-event-bus';
export { RedisEventBus, type RedisEventBusOptions } from './events/redis-event-bus';
export { matchesFilter, Subscribers } from './events/subscribers';
export { type DependencyChange, DependencyMonitor, type DependencyName } from './outage/dependency-monitor';
export { EventRecorder } from './pipeline/event-recorder';
export { AI_PHASE_PLANS, type AiPhasePlan, GATED_PHASES, type PlannedTask } from './pipeline/phase-plan';
export { type DeployHandoff, type IDeployer, Pipeline, type PipelineOptions } from './pipeline/pipeline';
export {
  type AppEnvironment,
  type AppProcessPurpose,
  type InstallSettings,
  type IProjectValidator,
  NpmProjectValidator,
  type NpmValidatorOptions,
  type ProjectValidationReport,
  type ValidationObserver,
  type ValidationStep,
  type ValidationStepName,
} from './pipeline/project-validator';
export { planTaskId } from './pipeline/run-plan';
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
export { type ReconcileReport, StartupManager, type StartupManagerOptions } from './startup/startup-manager';
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
