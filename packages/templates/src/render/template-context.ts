import {
  InvalidConfigError,
  type ResourceAllocation,
  type StartupConfig,
  TemplateUnsupportedError,
} from '@startup-factory/contracts';
import { renderSubset, type TextRenderer } from './builtin-subset';
import type { RenderValues } from './engine';
import type { TemplateDefinition } from './template-definition';

export type CookiecutterContext = Record<string, unknown>;

/** Values the factory always supplies, as extra context: they replace the defaults in cookiecutter.json. */
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
    database_namespace: allocation.databaseNamespace,
    memory_mb: allocation.memoryMb,
    cpu_cores: allocation.cpuCores,
    storage_gb: allocation.storageGb,
  };
}

/**
 * cookiecutter's `extra_context`: only keys cookiecutter.json has take part; a choice variable's
 * value becomes its first choice. Unlike cookiecutter 1.7 (which ignores it silently), a value that
 * is not one of the choices is refused, naming the key.
 */
export function applyExtraContext(
  raw: Record<string, unknown>,
  extra: Record<string, unknown>,
  templateName: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(raw);
  for (const [key, value] of Object.entries(extra)) {
    if (!Object.hasOwn(out, key)) continue;
    const current = out[key];
    if (Array.isArray(current)) {
      const index = current.indexOf(value);
      if (index < 0) {
        throw new InvalidConfigError({
          message: `Template ${templateName}: ${key}=${JSON.stringify(value)} is not one of its choices ${JSON.stringify(current)}; pick one of them.`,
          issues: [{ path: key, message: 'not one of the choices' }],
        });
      }
      current.splice(index, 1);
      current.unshift(value);
    } else out[key] = value;
  }
  return out;
}

/** Python's `str()` of a JSON scalar as cookiecutter sees it; floats lose their spelling in JavaScript, so they are refused. */
function pythonStr(value: unknown, key: string): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new TemplateUnsupportedError({
    file: 'cookiecutter.json',
    construct: `"${key}": ${JSON.stringify(value)}`,
    message: `cookiecutter.json: the value of ${key} (${JSON.stringify(value)}) is not a string, integer or boolean, and the built-in renderer cannot print it as Python does; install cookiecutter to render this template.`,
  });
}

function renderValue(
  value: unknown,
  scope: Record<string, unknown>,
  key: string,
  renderText: TextRenderer,
  literal = false,
): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        renderValue(k, scope, key, renderText),
        renderValue(v, scope, key, renderText),
      ]),
    );
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, scope, key, renderText));
  const text = pythonStr(value, key);
  if (text === null || literal) return text;
  if (/[\r\n]/.test(text)) {
    throw new TemplateUnsupportedError({
      file: 'cookiecutter.json',
      construct: `"${key}"`,
      message: `cookiecutter.json: the default of ${key} holds a line break, which cookiecutter's variable rendering changes; install cookiecutter to render this template.`,
    });
  }
  return renderText(text, scope, `cookiecutter.json (default of ${key})`);
}

/**
 * `cookiecutter.*` as cookiecutter's no-input prompt builds it: private keys (`_x`) raw, choices
 * their first item, other values rendered in file order; dict values (private ones too) in a second
 * pass, so they may use every other variable.
 */
export function buildContext(
  template: TemplateDefinition,
  values: RenderValues,
  renderText: TextRenderer = renderSubset,
): CookiecutterContext {
  const raw = applyExtraContext(template.raw, { ...values.extra, ...values.data }, template.name);
  const literal = (key: string) => Object.hasOwn(values.data, key) && !Array.isArray(template.raw[key]);
  const context: CookiecutterContext = {};
  const isDict = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('__')) {
      throw new TemplateUnsupportedError({
        file: 'cookiecutter.json',
        construct: `"${key}"`,
        message: `cookiecutter.json: ${key} is a double-underscore variable, which cookiecutter 1.x keeps raw and 2.x renders; install cookiecutter to render this template with its own rule.`,
      });
    }
    if (key.startsWith('_')) context[key] = value;
    else if (Array.isArray(value)) {
      if (value.length === 0) {
        throw new InvalidConfigError({
          message: `Template ${template.name}: ${key} is an empty list of choices; cookiecutter fails on it. Give it at least one choice.`,
        });
      }
      // cookiecutter renders every choice, then takes the first.
      context[key] = value.map((v) => renderValue(v, context, key, renderText))[0];
    } else if (!isDict(value)) context[key] = renderValue(value, context, key, renderText, literal(key));
  }
  for (const [key, value] of Object.entries(raw))
    if (isDict(value)) context[key] = renderValue(value, context, key, renderText);
  return context;
}
