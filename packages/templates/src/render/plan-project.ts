import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CodeSlots,
  GENERATION_RECORD_PATH,
  type GenerationRecord,
  MvpSpec,
  type ValidationIssue,
} from '@startup-factory/contracts';
import { SPEC_FILE, specText } from '../evolution/pristine-render';
import { findGenerator } from '../generators/generator-registry';
import type { RenderedDirectory, RenderedFile, RenderedProject } from './engine';
import { assertSafeRelativePath } from './path-safety';
import type { TemplateDefinition } from './template-definition';

export interface ProjectPlan {
  files: RenderedFile[];
  directories: RenderedDirectory[];
  issues: ValidationIssue[];
}

export const SAMPLE_SPEC = 'sample-spec.json';

/** The template's own `sample-spec.json`, parsed with the MVP spec schema. */
export async function loadSampleSpec(
  template: TemplateDefinition,
): Promise<{ spec: MvpSpec | null; issues: ValidationIssue[] }> {
  let text: string;
  try {
    text = await readFile(join(template.root, SAMPLE_SPEC), 'utf8');
  } catch {
    return {
      spec: null,
      issues: [{ code: 'MISSING_FILE', message: `${SAMPLE_SPEC} is missing`, file: SAMPLE_SPEC }],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = `${SAMPLE_SPEC} is not valid JSON: ${(error as Error).message}`;
    return { spec: null, issues: [{ code: 'BAD_JSON', message, file: SAMPLE_SPEC }] };
  }
  const parsed = MvpSpec.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return {
      spec: null,
      issues: [
        { code: 'BAD_JSON', message: `${SAMPLE_SPEC} is not a valid MVP spec: ${detail}`, file: SAMPLE_SPEC },
      ],
    };
  }
  return { spec: parsed.data, issues: [] };
}

/**
 * Everything a project would contain: the rendered template plus the generator's files (which win
 * on the same path) and, when given, the record of what it was rendered from at
 * `.factory/generation.json`. Problems are collected; nothing is written.
 */
export function planProject(
  template: TemplateDefinition,
  rendered: RenderedProject,
  generation: { spec: MvpSpec; slots: CodeSlots } | null,
  record?: GenerationRecord,
): ProjectPlan {
  const { context } = rendered;
  const issues: ValidationIssue[] = [];
  const byPath = new Map(rendered.files.map((f) => [f.path, f]));
  const generatorName = template.factory.generator;
  const generator = findGenerator(generatorName);
  if (generatorName !== undefined && !generator) {
    issues.push({
      code: 'OTHER',
      message: `unknown generator ${JSON.stringify(generatorName)} in _factory`,
      file: 'cookiecutter.json',
    });
  }
  if (generator && generation) {
    const generated = generator({
      ...generation,
      namespace: String(context.database_namespace),
      port: Number(context.port),
      variables: context,
    });
    for (const file of generated) {
      const mode = byPath.get(file.path)?.mode ?? 0o644;
      byPath.set(file.path, { path: file.path, content: file.content, mode });
    }
    // The spec it was generated from: what an evolve diffs the next spec against.
    byPath.set(SPEC_FILE, { path: SPEC_FILE, content: specText(generation.spec), mode: 0o644 });
  }
  if (record) {
    const content = `${JSON.stringify(record, null, 2)}\n`;
    byPath.set(GENERATION_RECORD_PATH, { path: GENERATION_RECORD_PATH, content, mode: 0o644 });
  }
  for (const path of byPath.keys()) {
    try {
      assertSafeRelativePath(path);
    } catch (error) {
      issues.push({ code: 'UNSAFE_PATH', message: (error as Error).message, file: path });
      byPath.delete(path);
    }
  }
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, directories: rendered.directories, issues };
}
