export { defaultTemplatesDir } from './default-templates-dir';
export { sqlMigration } from './generators/sql-migration';
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
