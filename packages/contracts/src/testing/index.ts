export {
  type CaseOutcome,
  type ContractCase,
  type Harness,
  registerContract,
  runContractCases,
} from './contract-case';
export { expectFactoryError } from './expect-error';
export { FakeTemplateManager } from './fake-template-manager';
export {
  createInMemoryState,
  type InMemoryState,
  InMemoryStateStore,
  reachedProvider,
} from './in-memory-state-store';
export { MockProvider } from './mock-provider';
export { type StateStoreHarness, stateStoreCases, stateStoreContract } from './state-store-contract';
export {
  CONTRACT_PORT,
  type TemplateManagerHarness,
  templateManagerCases,
  templateManagerContract,
} from './template-manager-contract';
