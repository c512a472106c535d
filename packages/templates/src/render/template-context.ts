import type { ResourceAllocation, StartupConfig } from '@startup-factory/contracts';
import { renderName } from './nunjucks-environment';
import type { TemplateDefinition } from './template-definition';

export type CookiecutterContext = Record<string, unknown>;

/** Values the factory always supplies; they override the defaults in cookiecutter.json. */
export function factoryValues(
  config: StartupConfig,
  allocation: ResourceAllocation,
  projectSlug: string,
): CookiecutterContext {
  return {
    project_name: config.name,
    project_slug: projectSlug,
    description: config.description,
    industry: config.industry,
    category: config.category,
    startup_id: allocation.startupId,
    port: allocation.ports[0],
    ports: allocation.ports,
    database_namespace: allocation.databaseNamespace,
    memory_mb: allocation.memoryMb,
    cpu_cores: allocation.cpuCores,
    storage_gb: allocation.storageGb,
  };
}

/**
 * Builds `cookiecutter.*`: defaults from cookiecutter.json, string defaults rendered in file order
 * as cookiecutter does, then the factory's values on top. Keys starting with `_` pass through.
 */
export function buildContext(template: TemplateDefinition, values: CookiecutterContext): CookiecutterContext {
  const context: CookiecutterContext = {};
  for (const [key, value] of Object.entries(template.raw)) {
    if (key in values) {
      context[key] = values[key];
    } else if (!key.startsWith('_') && typeof value === 'string') {
      context[key] = renderName(value, { cookiecutter: context });
    } else if (!key.startsWith('_') && Array.isArray(value)) {
      // A list default is a choice variable; cookiecutter picks the first.
      context[key] = value[0];
    } else {
      context[key] = value;
    }
  }
  for (const [key, value] of Object.entries(values)) context[key] ??= value;
  return context;
}
