import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ResourceRequirements, SemVer, type ValidationIssue } from '@startup-factory/contracts';
import { type ParseError, parse as parseJson } from 'jsonc-parser';
import { z } from 'zod';

/** cookiecutter's rule for the folder that becomes the project: its name holds `cookiecutter`, `{{` and `}}`. */
export const isProjectFolderName = (name: string) =>
  name.includes('cookiecutter') && name.includes('{{') && name.includes('}}');

/** Factory metadata kept under `_factory` in cookiecutter.json; plain cookiecutter ignores it. */
export const FactoryMetadata = z.object({
  /** The template's semantic version: raise it when what the template renders changes (`factory upgrade` reads it). */
  version: SemVer.default('0.0.0'),
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
  /** The folder that becomes the project (the first candidate in directory order, as cookiecutter takes it). */
  projectFolder: string;
  /** Every folder name cookiecutter's rule accepts; more than one is ambiguous. */
  projectFolderCandidates: string[];
  /** Every key of cookiecutter.json, in file order. */
  raw: Record<string, unknown>;
  /** cookiecutter.json as written, for positions and for numbers JavaScript would respell. */
  rawText: string;
  /** The user-facing variables (keys without a leading `_`). */
  variables: string[];
  copyWithoutRender: string[];
  factory: FactoryMetadata;
}

export type LoadResult =
  | { template: TemplateDefinition; issues: ValidationIssue[] }
  | { template: null; issues: ValidationIssue[] };

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Where strict JSON first goes wrong: jsonc-parser reports offsets, which JSON.parse's messages lack on Node 20. */
function jsonErrorPosition(text: string): { line: number; column: number } | null {
  const errors: ParseError[] = [];
  parseJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  return first ? positionAt(text, first.offset) : null;
}

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
    const detail = (error as Error).message;
    const at = jsonErrorPosition(text);
    return {
      template: null,
      issues: [
        {
          code: 'BAD_JSON',
          message: `cookiecutter.json is not valid JSON${at ? ` at line ${at.line}, column ${at.column}` : ''}: ${detail}`,
          file: 'cookiecutter.json',
          ...(at ?? {}),
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
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const candidates = entries.filter((e) => isProjectFolderName(e.name)).map((e) => e.name);
  const projectFolder = candidates[0] ?? '';
  if (!projectFolder) {
    issues.push({
      code: 'MISSING_FILE',
      message:
        'no project folder: cookiecutter renders the folder whose name holds cookiecutter, {{ and }}, such as {{cookiecutter.project_slug}}/',
    });
  } else if (!entries.find((e) => e.name === projectFolder)?.isDirectory()) {
    issues.push({ code: 'MISSING_FILE', message: `${projectFolder} is not a folder`, file: projectFolder });
  }
  return {
    template: {
      name,
      root,
      projectFolder,
      projectFolderCandidates: candidates,
      raw: record,
      rawText: text,
      variables: Object.keys(record).filter((k) => !k.startsWith('_')),
      copyWithoutRender: Array.isArray(copy) ? copy.filter((c): c is string => typeof c === 'string') : [],
      factory: meta.success ? meta.data : FactoryMetadata.parse({}),
    },
    issues,
  };
}
