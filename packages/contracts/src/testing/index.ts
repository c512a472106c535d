export {
  type AICoordinatorHarness,
  aiCoordinatorCases,
  aiCoordinatorContract,
} from './ai-coordinator-contract';
export { passingReport, validatorAnswering } from './answering-validator';
export {
  type CaseOutcome,
  type ContractCase,
  type Harness,
  registerContract,
  runContractCases,
} from './contract-case';
export {
  type DeployServiceHarness,
  deployServiceCases,
  deployServiceContract,
  httpAnswer,
} from './deploy-service-contract';
export { type DeployerHarness, deployerCases, deployerContract } from './deployer-contract';
export { type EventBusHarness, eventBusCases, eventBusContract } from './event-bus-contract';
export { expectFactoryError } from './expect-error';
export { FakeAICoordinator, sampleOutputProvider } from './fake-ai-coordinator';
export { FakeTemplateManager } from './fake-template-manager';
export { InMemoryDeployService } from './in-memory-deploy-service';
export { type InMemoryAllocatorOptions, InMemoryResourceAllocator } from './in-memory-resource-allocator';
export {
  createInMemoryStartupState,
  InMemoryStartupManager,
  type InMemoryStartupState,
} from './in-memory-startup-manager';
export {
  createInMemoryState,
  type InMemoryState,
  InMemoryStateStore,
  reachedProvider,
} from './in-memory-state-store';
export { MockProvider } from './mock-provider';
export {
  type ProjectValidatorHarness,
  projectValidatorCases,
  projectValidatorContract,
} from './project-validator-contract';
export {
  mockProviderBackend,
  offlineProviderCases,
  type ProviderFailureKind,
  type ProviderHarness,
  providerCases,
  providerContract,
  type ScriptedBackend,
  scriptedProviderCases,
} from './provider-contract';
export {
  type ResourceAllocatorCaseContext,
  type ResourceAllocatorHarness,
  type ResourceAllocatorSetup,
  type ResourceAllocatorSetupOptions,
  resourceAllocatorCaseContext,
  resourceAllocatorCases,
  resourceAllocatorContract,
} from './resource-allocator-contract';
export { type ResultCacheHarness, resultCacheCases, resultCacheContract } from './result-cache-contract';
export { SAMPLE_PHASE_OUTPUTS } from './sample-phase-outputs';
export {
  STARTUP_CONTRACT_LIMIT,
  type StartupManagerHarness,
  type StartupManagerSetup,
  type StartupManagerSetupOptions,
  startupManagerCaseSetup,
  startupManagerCases,
  startupManagerContract,
} from './startup-manager-contract';
export { type StateStoreHarness, stateStoreCases, stateStoreContract } from './state-store-contract';
export {
  type TaskQueueHarness,
  type TaskQueueSetup,
  type TaskQueueSetupOptions,
  type TaskQueueSubject,
  taskQueueCases,
  taskQueueContract,
  taskQueueHarness,
} from './task-queue-contract';
export {
  CONTRACT_PORT,
  type TemplateManagerHarness,
  templateManagerCases,
  templateManagerContract,
} from './template-manager-contract';
export { randomTestPortBase } from './test-ports';
