export { defaultTemplatesDir } from './default-templates-dir';
export { sqlMigration } from './generators/sql-migration';
export { TemplateManager, type TemplateManagerOptions } from './template-manager';
export { checkDartStructure, type DartProblem } from './validation/dart-structure';
