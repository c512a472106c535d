import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  CodeSlots,
  type CreateFromTemplateOptions,
  type GenerationPreview,
  InvalidConfigError,
  type ITemplateManager,
  MvpSpec,
  parseInput,
  type ResourceAllocation,
  ResourceRequirements,
  type StartupConfig,
  slugify,
  TemplateInfo,
  TemplateName,
  TemplateNotFoundError,
  UnsafePathError,
  type ValidationResult,
} from '@startup-factory/contracts';
import { defaultTemplatesDir } from './default-templates-dir';
import { defaultSlots } from './generators/default-slots';
import { assertSafeSlug, isWithin } from './render/path-safety';
import { loadSampleSpec, planProject } from './render/plan-project';
import type { RenderedFile } from './render/render-tree';
import { buildContext, type CookiecutterContext, factoryValues } from './render/template-context';
import { loadTemplate, type TemplateDefinition } from './render/template-definition';
import { writeProject } from './render/write-project';
import { validateTemplateAt } from './validation/validate-template';

export interface TemplateManagerOptions {
  /** Folder of cookiecutter templates; defaults to the templates shipped with this package. */
  templatesDir?: string;
  /** Every project is written below this folder and nowhere else. */
  outputDir: string;
  /** Longest a post-generation hook may run. */
  hookTimeoutMs?: number;
}

const HOOK = join('hooks', 'post_gen_project.mjs');

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Renders cookiecutter-format templates plus spec-driven code into projects under `outputDir`. */
export class TemplateManager implements ITemplateManager {
  readonly templatesDir: string;
  readonly outputDir: string;
  private readonly hookTimeoutMs: number;

  constructor({ templatesDir, outputDir, hookTimeoutMs = 60_000 }: TemplateManagerOptions) {
    this.templatesDir = resolve(templatesDir ?? defaultTemplatesDir());
    this.outputDir = resolve(outputDir);
    this.hookTimeoutMs = hookTimeoutMs;
  }

  async getAvailableTemplates(): Promise<TemplateInfo[]> {
    const entries = await readdir(this.templatesDir, { withFileTypes: true }).catch(() => []);
    const infos: TemplateInfo[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory() || !TemplateName.safeParse(entry.name).success) continue;
      const { template } = await loadTemplate(join(this.templatesDir, entry.name), entry.name);
      if (template) infos.push(toInfo(template));
    }
    return infos;
  }

  async validateTemplate(templateName: string): Promise<ValidationResult> {
    const root = await this.templateRoot(templateName);
    if (!root) {
      return {
        valid: false,
        errors: [
          {
            code: 'TEMPLATE_NOT_FOUND',
            message: `No template named ${JSON.stringify(templateName)} in ${this.templatesDir}.`,
          },
        ],
        warnings: [],
      };
    }
    return validateTemplateAt(root, templateName);
  }

  async previewFromTemplate(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options: CreateFromTemplateOptions = {},
  ): Promise<GenerationPreview> {
    const { projectDir, files } = await this.plan(templateName, startupConfig, allocation, options);
    return { projectDir, files: files.map((f) => f.path) };
  }

  async createFromTemplate(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options: CreateFromTemplateOptions = {},
  ): Promise<string> {
    const { projectDir, files, template, context, outputDir } = await this.plan(
      templateName,
      startupConfig,
      allocation,
      options,
    );
    const hookPath = join(template.root, HOOK);
    await writeProject({
      outputDir,
      projectDir,
      files,
      overwrite: options.overwrite ?? false,
      ...((await exists(hookPath))
        ? { hook: { path: hookPath, context, timeoutMs: this.hookTimeoutMs } }
        : {}),
    });
    return projectDir;
  }

  /** The template folder for a name, or null; a name that is not a plain template name never matches. */
  private async templateRoot(templateName: string): Promise<string | null> {
    if (!TemplateName.safeParse(templateName).success) return null;
    const root = join(this.templatesDir, templateName);
    return (await exists(join(root, 'cookiecutter.json'))) ? root : null;
  }

  private async plan(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options: CreateFromTemplateOptions,
  ): Promise<{
    projectDir: string;
    outputDir: string;
    files: RenderedFile[];
    template: TemplateDefinition;
    context: CookiecutterContext;
  }> {
    const root = await this.templateRoot(templateName);
    if (!root) {
      throw new TemplateNotFoundError({
        message: `No template named ${JSON.stringify(templateName)}; choose one of getAvailableTemplates().`,
      });
    }
    const slug = options.projectSlug ?? slugify(startupConfig.name);
    assertSafeSlug(slug);
    const outputDir = this.outputDir;
    const projectDir = join(outputDir, slug);
    if (!isWithin(outputDir, projectDir) || projectDir === outputDir) {
      throw new UnsafePathError({ message: `project slug ${JSON.stringify(slug)} leaves the output folder` });
    }
    const loaded = await loadTemplate(root, templateName);
    if (!loaded.template || loaded.issues.length > 0) throw templateBroken(templateName, loaded.issues);
    const template = loaded.template;
    const context = buildContext(template, factoryValues(startupConfig, allocation, slug));
    let generation: { spec: MvpSpec; slots: CodeSlots } | null = null;
    if (template.factory.generator) {
      const spec = options.spec
        ? parseInput(MvpSpec, options.spec, 'MVP spec')
        : await loadSampleSpec(template).then(({ spec: sample, issues }) => {
            if (!sample) throw templateBroken(templateName, issues);
            return sample;
          });
      const slots = options.slots ? parseInput(CodeSlots, options.slots, 'code slots') : defaultSlots(spec);
      generation = { spec, slots };
    }
    const plan = await planProject(template, context, generation);
    const unsafe = plan.issues.find((i) => i.code === 'UNSAFE_PATH');
    if (unsafe) throw new UnsafePathError({ message: `${unsafe.file ?? ''}: ${unsafe.message}` });
    if (plan.issues.length > 0) throw templateBroken(templateName, plan.issues);
    return { projectDir, outputDir, files: plan.files, template, context };
  }
}

function templateBroken(name: string, issues: { code: string; message: string; file?: string }[]) {
  const detail = issues.map((i) => `${i.code}${i.file ? ` ${i.file}` : ''}: ${i.message}`).join('; ');
  return new InvalidConfigError({
    message: `Template ${name} cannot be rendered: ${detail}. Run validateTemplate(${JSON.stringify(name)}) for the full list.`,
  });
}

function toInfo(template: TemplateDefinition): TemplateInfo {
  const { factory } = template;
  return TemplateInfo.parse({
    name: template.name,
    description: factory.description,
    framework: factory.framework,
    requiredPorts: factory.requiredPorts,
    resourceRequirements: ResourceRequirements.parse({
      ...factory.resources,
      portCount: Math.max(factory.requiredPorts, factory.resources.portCount ?? 1),
    }),
    variables: template.variables,
  });
}
