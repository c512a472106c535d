export { defaultTemplatesDir } from './default-templates-dir';
export {
  type EvolveGate,
  type EvolveGateStep,
  type EvolveRequest,
  ProjectEvolution,
  type ProjectEvolutionOptions,
} from './evolution/evolve-project';
export type { TemplateVersion } from './evolution/initialize-repository';
export type { RenderSpec } from './evolution/pristine-render';
export { type RollbackResult, rollbackProject } from './evolution/rollback-project';
export type { ServerDatabase } from './evolution/server-database-copy';
export { sqlEvolution } from './generators/sql-evolution';
export { sqlMigration } from './generators/sql-migration';
export type { RenderedFile } from './render/engine';
export {
  type RenderEngine,
  type RenderEngineName,
  type TemplateCreateOptions,
  TemplateManager,
  type TemplateManagerOptions,
} from './template-manager';
export {
  checkDartProject,
  checkDartProjectAt,
  type DartProjectFile,
  type DartProjectProblem,
} from './validation/dart-project';
export { checkDartStructure, type DartProblem } from './validation/dart-structure';
export { buildFlutterProject, type FlutterStep, findFlutter } from './validation/flutter-analyze';
