export { buildProgram } from './cli/program';
export { FACTORY_VERSION } from './version';
