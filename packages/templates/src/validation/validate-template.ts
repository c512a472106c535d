import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  FactoryError,
  ResourceAllocation,
  StartupConfig,
  TemplateUnsupportedError,
  type ValidationIssue,
  type ValidationResult,
} from '@startup-factory/contracts';
import { defaultSlots } from '../generators/default-slots';
import type { RenderEngine, RenderedFile, RenderedProject } from '../render/engine';
import { loadSampleSpec, planProject } from '../render/plan-project';
import { factoryValues } from '../render/template-context';
import { loadTemplate, type TemplateDefinition } from '../render/template-definition';
import { checkDartProject } from './dart-project';
import { flutterAnalyze } from './flutter-analyze';

const run = promisify(execFile);

const SAMPLE_CONFIG = StartupConfig.parse({
  name: 'Validation Sample',
  industry: 'Software',
  category: 'Tools',
});
const SAMPLE_ALLOCATION = ResourceAllocation.parse({
  startupId: 'validation',
  memoryMb: 512,
  cpuCores: 1,
  storageGb: 1,
  ports: [3000, 3001],
  databaseNamespace: 'startup_validation',
  apiQuota: {},
  allocatedAt: new Date(0),
});

/** `node --check` on the post-generation hook, when the template has one. */
async function checkHookSyntax(root: string): Promise<ValidationIssue[]> {
  const hook = join(root, 'hooks', 'post_gen_project.mjs');
  if (!existsSync(hook)) return [];
  try {
    await run(process.execPath, ['--check', hook], { timeout: 30_000 });
    return [];
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')
      .slice(0, 6)
      .join(' ');
    return [
      {
        code: 'SYNTAX_ERROR',
        message: `post-generation hook does not parse: ${detail}`,
        file: 'hooks/post_gen_project.mjs',
      },
    ];
  }
}

/** The Dart project checks (structure, imports, screens in use) on a template's Dart files. */
function checkDart(files: RenderedFile[]): ValidationIssue[] {
  const sources = files
    .filter((f) => f.path.endsWith('.dart') || f.path === 'pubspec.yaml')
    .map((f) => ({ path: f.path, content: f.content.toString() }));
  if (!sources.some((f) => f.path.endsWith('.dart'))) return [];
  return checkDartProject(sources).map((p) => ({
    code: 'SYNTAX_ERROR' as const,
    message: `line ${p.line}: ${p.message}`,
    file: p.file,
  }));
}

/** Syntax checks the generated files allow without their toolchains. */
function checkSyntax(file: RenderedFile): ValidationIssue[] {
  const content = file.content.toString('utf8');
  if (file.path.endsWith('.json')) {
    try {
      JSON.parse(content);
    } catch (error) {
      return [
        { code: 'SYNTAX_ERROR', message: `not valid JSON: ${(error as Error).message}`, file: file.path },
      ];
    }
  }
  if (file.path === 'pubspec.yaml') {
    const missing = ['name:', 'environment:', 'dependencies:', 'flutter:'].filter(
      (key) => !new RegExp(`^\\s*${key}`, 'm').test(content),
    );
    if (missing.length > 0) {
      return [{ code: 'SYNTAX_ERROR', message: `pubspec.yaml lacks ${missing.join(', ')}`, file: file.path }];
    }
  }
  return [];
}

/** A render failure as a validation issue, with the file, line and cookiecutter.json key it names. */
function renderFailure(error: unknown): ValidationIssue {
  const message = error instanceof Error ? error.message : String(error);
  if (TemplateUnsupportedError.isInstance(error)) {
    const key = error.construct.match(/^default of (.+)$/)?.[1];
    const code = key
      ? 'RENDER_ERROR'
      : /UndefinedVariableInTemplate|UndefinedError|does not define/.test(`${error.construct} ${message}`)
        ? 'UNDEFINED_VARIABLE'
        : /built-in renderer/.test(message)
          ? 'UNSUPPORTED'
          : 'RENDER_ERROR';
    return {
      code,
      message,
      file: error.file,
      ...(error.line ? { line: error.line } : {}),
      ...(key ? { key } : {}),
    };
  }
  if (FactoryError.isInstance(error) && error.code === 'UNSAFE_PATH') return { code: 'UNSAFE_PATH', message };
  return { code: 'RENDER_ERROR', message };
}

/** Renders with sample values; a failure becomes an issue instead of a throw. */
async function renderSample(
  template: TemplateDefinition,
  engine: () => Promise<RenderEngine>,
): Promise<{ rendered: RenderedProject | null; issue: ValidationIssue | null }> {
  try {
    const values = factoryValues(SAMPLE_CONFIG, SAMPLE_ALLOCATION, 'validation-sample');
    const options = { runHooks: false };
    return {
      rendered: await (await engine()).render(template, { extra: {}, data: values }, options),
      issue: null,
    };
  } catch (error) {
    return { rendered: null, issue: renderFailure(error) };
  }
}

/**
 * Renders the template with sample values and its sample spec (nothing is written), and reports
 * every problem: bad JSON (with line and column), defaults that do not render (with the key),
 * undefined variables, unsupported constructs, render errors, missing required files, unsafe
 * paths, syntax of generated JSON, and of Dart projects their structure, imports and screens.
 * Never throws: anything unexpected is an issue too.
 */
export async function validateTemplateAt(
  root: string,
  name: string,
  engine: () => Promise<RenderEngine>,
): Promise<ValidationResult> {
  try {
    return await validate(root, name, engine);
  } catch (error) {
    return {
      valid: false,
      errors: [
        { code: 'OTHER', message: `validation stopped: ${(error as Error).message ?? String(error)}` },
      ],
      warnings: [],
    };
  }
}

async function validate(
  root: string,
  name: string,
  engine: () => Promise<RenderEngine>,
): Promise<ValidationResult> {
  const loaded = await loadTemplate(root, name);
  const errors: ValidationIssue[] = [...loaded.issues];
  const warnings: ValidationIssue[] = [];
  const template = loaded.template;
  if (!template || errors.some((e) => e.code === 'MISSING_FILE')) return { valid: false, errors, warnings };
  let generation = null;
  if (template.factory.generator) {
    const sample = await loadSampleSpec(template);
    errors.push(...sample.issues);
    if (sample.spec) generation = { spec: sample.spec, slots: defaultSlots(sample.spec) };
  }
  errors.push(...(await checkHookSyntax(root)));
  const { rendered, issue } = await renderSample(template, engine);
  if (!rendered) return { valid: false, errors: [...errors, issue as ValidationIssue], warnings };
  const plan = planProject(template, rendered, generation);
  errors.push(...plan.issues);
  const paths = new Set(plan.files.map((f) => f.path));
  for (const required of template.factory.requiredFiles) {
    if (!paths.has(required)) {
      errors.push({
        code: 'MISSING_FILE',
        message: `required file ${required} is not produced`,
        file: required,
      });
    }
  }
  for (const file of plan.files) errors.push(...checkSyntax(file));
  errors.push(...checkDart(plan.files));
  if (errors.length === 0 && template.factory.framework === 'flutter') {
    const analysis = await flutterAnalyze(plan.files);
    if (analysis.ran) errors.push(...analysis.issues);
    else
      warnings.push({
        code: 'OTHER',
        message: 'no Flutter SDK on PATH; checked structure only, not `flutter analyze`',
      });
  }
  return { valid: errors.length === 0, errors, warnings };
}
