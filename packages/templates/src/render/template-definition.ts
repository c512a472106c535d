import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ResourceRequirements, type ValidationIssue } from '@startup-factory/contracts';
import { z } from 'zod';

/** The folder inside a cookiecutter template that becomes the project. */
export const PROJECT_FOLDER = '{{cookiecutter.project_slug}}';

/** Factory metadata kept under `_factory` in cookiecutter.json; plain cookiecutter ignores it. */
export const FactoryMetadata = z.object({
  description: z.string().default(''),
  framework: z.string().default('unknown'),
  requiredPorts: z.number().int().min(1).default(1),
  resources: ResourceRequirements.partial().default({}),
  /** Name of the built-in spec-driven generator (reactnext, vuenuxt, fluttermobile). */
  generator: z.string().optional(),
  /** Project files (rendered paths) that must exist after rendering. */
  requiredFiles: z.array(z.string()).default([]),
});
export type FactoryMetadata = z.infer<typeof FactoryMetadata>;

export interface TemplateDefinition {
  name: string;
  root: string;
  /** Every key of cookiecutter.json, in file order. */
  raw: Record<string, unknown>;
  /** The user-facing variables (keys without a leading `_`). */
  variables: string[];
  copyWithoutRender: string[];
  factory: FactoryMetadata;
}

export type LoadResult =
  | { template: TemplateDefinition; issues: ValidationIssue[] }
  | { template: null; issues: ValidationIssue[] };

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Reads a template folder; every problem found is an issue, never a throw. */
export async function loadTemplate(root: string, name: string): Promise<LoadResult> {
  const issues: ValidationIssue[] = [];
  let text: string;
  try {
    text = await readFile(join(root, 'cookiecutter.json'), 'utf8');
  } catch {
    return {
      template: null,
      issues: [{ code: 'MISSING_FILE', message: 'cookiecutter.json is missing', file: 'cookiecutter.json' }],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      template: null,
      issues: [
        {
          code: 'BAD_JSON',
          message: `cookiecutter.json is not valid JSON: ${(error as Error).message}`,
          file: 'cookiecutter.json',
        },
      ],
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      template: null,
      issues: [
        { code: 'BAD_JSON', message: 'cookiecutter.json must hold an object', file: 'cookiecutter.json' },
      ],
    };
  }
  const record = raw as Record<string, unknown>;
  const meta = FactoryMetadata.safeParse(record._factory ?? {});
  if (!meta.success) {
    const detail = meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    issues.push({
      code: 'BAD_JSON',
      message: `_factory metadata is invalid: ${detail}`,
      file: 'cookiecutter.json',
    });
  }
  const copy = record._copy_without_render;
  if (copy !== undefined && !(Array.isArray(copy) && copy.every((c) => typeof c === 'string'))) {
    issues.push({
      code: 'BAD_JSON',
      message: '_copy_without_render must be a list of glob strings',
      file: 'cookiecutter.json',
    });
  }
  if (!(await exists(join(root, PROJECT_FOLDER)))) {
    issues.push({
      code: 'MISSING_FILE',
      message: `the ${PROJECT_FOLDER}/ folder is missing`,
      file: PROJECT_FOLDER,
    });
  }
  return {
    template: {
      name,
      root,
      raw: record,
      variables: Object.keys(record).filter((k) => !k.startsWith('_')),
      copyWithoutRender: Array.isArray(copy) ? copy.filter((c): c is string => typeof c === 'string') : [],
      factory: meta.success ? meta.data : FactoryMetadata.parse({}),
    },
    issues,
  };
}

/** fnmatch-style glob as cookiecutter uses it: `*` also crosses `/`, `?` is one character. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
