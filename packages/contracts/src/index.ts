export { AllProvidersFailedError, type ProviderFailure } from './errors/all-providers-failed-error';
export { ChangeNotUnderstoodError } from './errors/change-not-understood-error';
export { ConcurrencyLimitError } from './errors/concurrency-limit-error';
export { ConflictError } from './errors/conflict-error';
export { DataDirLockedError } from './errors/data-dir-locked-error';
export { DeployFailedError } from './errors/deploy-failed-error';
export { EvolveFailedError } from './errors/evolve-failed-error';
export { ERROR_CODES, type ErrorCode, FactoryError, hasErrorCode, isErrorCode } from './errors/factory-error';
export { InsufficientMemoryError } from './errors/insufficient-memory-error';
export { InsufficientResourcesError } from './errors/insufficient-resources-error';
export { type FieldIssue, InvalidConfigError, parseInput } from './errors/invalid-config-error';
export { InvalidOutputError } from './errors/invalid-output-error';
export { InvalidTransitionError } from './errors/invalid-transition-error';
export { NoProviderError } from './errors/no-provider-error';
export { NotFoundError } from './errors/not-found-error';
export { PortsExhaustedError } from './errors/ports-exhausted-error';
export { ProviderError } from './errors/provider-error';
export { QueueUnavailableError } from './errors/queue-unavailable-error';
export { QuotaExceededError } from './errors/quota-exceeded-error';
export { type RefusedSpecChange, SpecChangeRefusedError } from './errors/spec-change-refused-error';
export { StartupLeasedError } from './errors/startup-leased-error';
export { StoreUnavailableError } from './errors/store-unavailable-error';
export { TaskCancelledError } from './errors/task-cancelled-error';
export { TaskTimeoutError } from './errors/task-timeout-error';
export { TemplateNotFoundError } from './errors/template-not-found-error';
export { TemplateUnsupportedError } from './errors/template-unsupported-error';
export { UnsafePathError } from './errors/unsafe-path-error';
export { InMemoryEventBus, type InMemoryEventBusOptions } from './events/in-memory-event-bus';
export { type HandlerErrorReporter, reportHandlerErrorToStderr, Subscribers } from './events/subscribers';
export { EvolveOutcome, EvolvePlan, Generation, PlannedFileChange } from './evolution/generation';
export { EvolveBase, PendingEvolution } from './evolution/pending-evolution';
export {
  diffMvpSpecs,
  isEmptySpecDiff,
  SpecDiff,
  specDiffChangesSchema,
} from './evolution/spec-diff';
export type { IAICoordinator } from './interfaces/ai-coordinator';
export type { IDeployService } from './interfaces/deploy-service';
export type { DeployHandoff, IDeployer } from './interfaces/deployer';
export type { IEventBus, SubscribeFilter } from './interfaces/event-bus';
export {
  type AppEnvironment,
  type AppProcessPurpose,
  describePassedSteps,
  type IProjectValidator,
  type ProjectValidationReport,
  stepNotRun,
  type ValidationStep,
  type ValidationStepName,
} from './interfaces/project-validator';
export type { ChatMessage, CompletionRequest, CompletionResponse, IProvider } from './interfaces/provider';
export type { AllocateOptions, IResourceAllocator } from './interfaces/resource-allocator';
export type { CachedResult, IResultCache } from './interfaces/result-cache';
export type { IStartupManager, StartupListFilter } from './interfaces/startup-manager';
export type {
  EventFilter,
  IStateStore,
  TaskFilter,
  UsageLimits,
  UsageReservation,
} from './interfaces/state-store';
export type { ITaskQueue, TaskHandler, TaskRunContext } from './interfaces/task-queue';
export type { CreateFromTemplateOptions, ITemplateManager } from './interfaces/template-manager';
export { AICallOutcome, AICallReason, AIUsageRecord, UsageTotals } from './schemas/ai-usage';
export { APIQuota } from './schemas/api-quota';
export { Artifact, RelativePath } from './schemas/artifact';
export { boundedText, Id, JsonRecord, Timestamp } from './schemas/common';
export { DEFAULTS } from './schemas/defaults';
export {
  DeploymentState,
  DeploymentStatus,
  DeployOptions,
  LogLines,
  notDeployedStatus,
} from './schemas/deployment';
export {
  AICallEvent,
  ArtifactWrittenEvent,
  DeployStepEvent,
  FACTORY_EVENT_TYPES,
  FactoryEvent,
  type FactoryEventOf,
  type FactoryEventType,
  PhaseFinishedEvent,
  PhaseStartedEvent,
  QueueConcurrencyChangedEvent,
  ResourceAllocatedEvent,
  ResourceReleasedEvent,
  StartupCreatedEvent,
  StartupDeletedEvent,
  StartupStatusChangedEvent,
  TaskFinishedEvent,
  TaskQueuedEvent,
  TaskRetriedEvent,
  TaskStartedEvent,
} from './schemas/events';
export {
  backfillOf,
  Entity,
  EntityField,
  EntityName,
  FieldName,
  FieldType,
  MvpSpec,
  type MvpSpecInput,
  OnDelete,
  onDeleteRule,
  Page,
  PageKind,
  RESERVED_FIELD_NAMES,
  UserStory,
} from './schemas/mvp-spec';
export { PHASES, PhaseKey, PhaseName, phaseIndex } from './schemas/phase';
export {
  Architecture,
  CodeSlots,
  Competitor,
  FounderAnalysis,
  isOutputSchemaName,
  MARKET_RESEARCH_PARTS,
  MarketLandscape,
  MarketPersonas,
  MarketPricing,
  MarketResearch,
  type MarketResearchPartName,
  MarketSize,
  MarketSizing,
  OUTPUT_SCHEMAS,
  type OutputSchemaName,
  Persona,
  PricingTier,
} from './schemas/phase-outputs';
export {
  PHASE_REGISTRY,
  type PhaseDeclaration,
  type PhaseDocumentDeclaration,
  type PhaseKind,
  type PhaseProgress,
  type PhaseRegistry,
  phaseAfter,
  phaseProgress,
} from './schemas/phase-registry';
export { DatabaseNamespace, namespaceFor, Port, ResourceAllocation } from './schemas/resource-allocation';
export { ResourceRequirements, type ResourceRequirementsInput } from './schemas/resource-requirements';
export { SPEC_REVISION_TASK, SpecRevisionInput } from './schemas/spec-revision';
export {
  FounderProfile,
  StartupConfig,
  type StartupConfigInput,
  slugify,
  TemplateName,
  TemplateVariableName,
} from './schemas/startup-config';
export { ProviderInteraction, SharedInsights, StartupContext } from './schemas/startup-context';
export { StartupInstance, StartupPatch, StartupRef } from './schemas/startup-instance';
export {
  ACTIVE_STATUSES,
  canTransition,
  holdsResources,
  isActiveStatus,
  isTerminalStatus,
  RESOURCE_HOLDING_STATUSES,
  RESUMABLE_STATUSES,
  STATUS_TRANSITIONS,
  StartupStatus,
} from './schemas/startup-status';
export {
  TASK_FINAL_STATES,
  Task,
  TaskError,
  type TaskInput,
  TaskRecord,
  TaskResult,
  TaskState,
  TaskType,
} from './schemas/task';
export {
  GENERATION_RECORD_PATH,
  GenerationPreview,
  GenerationRecord,
  SemVer,
  TemplateInfo,
  ValidationIssue,
  ValidationIssueCode,
  ValidationResult,
} from './schemas/template';
