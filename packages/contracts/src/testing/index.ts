export {
  type CaseOutcome,
  type ContractCase,
  type Harness,
  registerContract,
  runContractCases,
} from './contract-case';
export { expectFactoryError } from './expect-error';
export {
  createInMemoryState,
  type InMemoryState,
  InMemoryStateStore,
  reachedProvider,
} from './in-memory-state-store';
export { MockProvider } from './mock-provider';
export { type StateStoreHarness, stateStoreCases, stateStoreContract } from './state-store-contract';
