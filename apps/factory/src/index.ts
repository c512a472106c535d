export { EXIT } from './cli/exit-codes';
export { buildProgram } from './cli/program';
export { describeMode, FactoryConfig, type FactoryConfigInput, loadConfig } from './config/factory-config';
export { type CreateFactoryOptions, createFactory } from './create-factory';
export { Factory, type FactoryParts, factoryPaths } from './factory';
export { buildHttpServer } from './http/http-server';
export { type StartupSummary, summarize } from './startup-summary';
export { FACTORY_VERSION } from './version';
