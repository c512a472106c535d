import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  CodeSlots,
  ConflictError,
  type CreateFromTemplateOptions,
  type GenerationPreview,
  GenerationRecord,
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
import type { TemplateVersion } from './evolution/initialize-repository';
import { onlyCreated, recordCreation } from './evolution/record-creation';
import { defaultSlots } from './generators/default-slots';
import type { RenderEngine, RenderEngineName, RenderedDirectory, RenderedFile } from './render/engine';
import { assertSafeSlug, isWithin } from './render/path-safety';
import { loadSampleSpec, planProject } from './render/plan-project';
import { selectEngine } from './render/select-engine';
import { applyExtraContext, factoryValues } from './render/template-context';
import { loadTemplate, type TemplateDefinition } from './render/template-definition';
import { writeProject } from './render/write-project';
import { validateTemplateAt } from './validation/validate-template';

export type { RenderEngine, RenderEngineName } from './render/engine';

export interface TemplateManagerOptions {
  /** Folder of cookiecutter templates; defaults to the templates shipped with this package. */
  templatesDir?: string;
  /**
   * A folder of the user's own cookiecutter templates, searched before `templatesDir`, so a user
   * template of the same name replaces a shipped one.
   */
  userTemplatesDir?: string;
  /** Every project is written below this folder and nowhere else. */
  outputDir: string;
  /** Longest one cookiecutter run (hooks included) may take. */
  hookTimeoutMs?: number;
  /** Which renderer: `auto` (the default) is Python's cookiecutter when installed, else the built-in subset. */
  engine?: RenderEngineName | RenderEngine;
}

/** TemplateManager's own additions to the contract's options. */
export interface TemplateCreateOptions extends CreateFromTemplateOptions {
  /**
   * false: render the template only, as cookiecutter would, without the spec-driven generators
   * or the `.factory/generation.json` record.
   */
  generate?: boolean;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Renders cookiecutter-format templates plus spec-driven code into projects under `outputDir`. */
export class TemplateManager implements ITemplateManager {
  readonly templatesDir: string;
  readonly userTemplatesDir: string | undefined;
  readonly outputDir: string;
  private readonly hookTimeoutMs: number;
  private readonly engine: RenderEngineName | RenderEngine;

  constructor({
    templatesDir,
    userTemplatesDir,
    outputDir,
    hookTimeoutMs = 120_000,
    engine = 'auto',
  }: TemplateManagerOptions) {
    this.templatesDir = resolve(templatesDir ?? defaultTemplatesDir());
    this.userTemplatesDir = userTemplatesDir ? resolve(userTemplatesDir) : undefined;
    this.outputDir = resolve(outputDir);
    this.hookTimeoutMs = hookTimeoutMs;
    this.engine = engine;
  }

  /** The folders searched for templates, the user's first. */
  private get searchDirs(): string[] {
    return this.userTemplatesDir ? [this.userTemplatesDir, this.templatesDir] : [this.templatesDir];
  }

  async getAvailableTemplates(): Promise<TemplateInfo[]> {
    const byName = new Map<string, TemplateInfo>();
    for (const dir of this.searchDirs) {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (byName.has(entry.name) || !entry.isDirectory() || !TemplateName.safeParse(entry.name).success)
          continue;
        const { template } = await loadTemplate(join(dir, entry.name), entry.name);
        if (template) byName.set(entry.name, toInfo(template));
      }
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async validateTemplate(templateName: string): Promise<ValidationResult> {
    const root = await this.templateRoot(templateName);
    if (!root) {
      return {
        valid: false,
        errors: [
          {
            code: 'TEMPLATE_NOT_FOUND',
            message: `No template named ${JSON.stringify(templateName)} in ${this.searchDirs.join(' or ')}.`,
          },
        ],
        warnings: [],
      };
    }
    return validateTemplateAt(root, templateName, () => selectEngine(this.engine, this.hookTimeoutMs));
  }

  async previewFromTemplate(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options: TemplateCreateOptions = {},
  ): Promise<GenerationPreview> {
    // A preview runs no hooks: they may have side effects, and nothing is to be written.
    const { projectDir, files } = await this.plan(templateName, startupConfig, allocation, options, false);
    return { projectDir, files: files.map((f) => f.path) };
  }

  async createFromTemplate(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options: TemplateCreateOptions = {},
  ): Promise<string> {
    const { projectDir, files, directories, outputDir, slug, initial } = await this.plan(
      templateName,
      startupConfig,
      allocation,
      options,
      true,
    );
    const overwrite = options.overwrite ?? false;
    if (overwrite && projectDir !== join(outputDir, slug) && (await exists(projectDir))) {
      // overwrite replaces this startup's own project; a folder named without its slug may be another's.
      throw new ConflictError({
        message: `Template ${templateName} names its project folder ${JSON.stringify(projectDir.slice(outputDir.length + 1))} whatever the startup, and that folder exists; it is not replaced, since it may belong to another project. Name the template's folder with {{cookiecutter.project_slug}} or remove the folder.`,
      });
    }
    const replaceableRepository = overwrite && (await onlyCreated(projectDir));
    await writeProject({ outputDir, projectDir, files, directories, overwrite, replaceableRepository });
    // Generation 1 is recorded now, from the files just written on the template version used, so
    // a later evolve or upgrade merges against what the project was really created from.
    if (initial) await recordCreation({ projectDir, ...initial });
    return projectDir;
  }

  /**
   * The files createFromTemplate would write for this startup and spec, in memory: the pristine
   * render an evolve merges into the founder's tree.
   */
  async renderFiles(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options: TemplateCreateOptions = {},
  ): Promise<RenderedFile[]> {
    return (await this.plan(templateName, startupConfig, allocation, options, true)).files;
  }

  /** The version a template declares (`_factory.version` in cookiecutter.json), or 0.0.0 when it declares none. */
  async templateVersion(templateName: string): Promise<string> {
    const root = await this.templateRoot(templateName);
    if (!root) {
      throw new TemplateNotFoundError({
        message: `No template named ${JSON.stringify(templateName)}; choose one of getAvailableTemplates().`,
      });
    }
    const { template } = await loadTemplate(root, templateName);
    // The same version the template listing shows (0.0.0 when the template declares none).
    return template?.factory.version ?? '0.0.0';
  }

  /** The template folder for a name, or null; a name that is not a plain template name never matches. */
  private async templateRoot(templateName: string): Promise<string | null> {
    if (!TemplateName.safeParse(templateName).success) return null;
    for (const dir of this.searchDirs) {
      const root = join(dir, templateName);
      if (await exists(join(root, 'cookiecutter.json'))) return root;
    }
    return null;
  }

  private async plan(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options: TemplateCreateOptions,
    runHooks: boolean,
  ): Promise<{
    projectDir: string;
    outputDir: string;
    slug: string;
    files: RenderedFile[];
    directories: RenderedDirectory[];
    /** What generation 1 records: set for a spec-driven render (an evolvable project). */
    initial: { spec: MvpSpec; template: TemplateVersion } | null;
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
    const loaded = await loadTemplate(root, templateName);
    if (!loaded.template || loaded.issues.length > 0) throw templateBroken(templateName, loaded.issues);
    const template = loaded.template;
    const own = factoryValues(startupConfig, allocation, slug);
    const clash = Object.keys(options.extraContext ?? {}).find((key) => key in own);
    if (clash) {
      throw new InvalidConfigError({
        message: `extra context ${clash} is set by the factory from the startup and its allocation; set it there instead.`,
        issues: [{ path: `extraContext.${clash}`, message: 'set by the factory' }],
      });
    }
    const unknown = Object.keys(options.extraContext ?? {}).find((key) => !Object.hasOwn(template.raw, key));
    if (unknown) {
      throw new InvalidConfigError({
        message: `extra context ${unknown} is not a variable of template ${templateName}; its variables are ${template.variables.join(', ')}.`,
        issues: [{ path: `extraContext.${unknown}`, message: 'not in cookiecutter.json' }],
      });
    }
    // A value outside a choice variable's choices is refused here for both engines (cookiecutter 1.x ignores it).
    applyExtraContext(template.raw, options.extraContext ?? {}, templateName);
    // Everything is checked before anything is written: the engine renders into memory (or a private folder).
    const engine = await selectEngine(this.engine, this.hookTimeoutMs);
    const rendered = await engine.render(
      template,
      { extra: options.extraContext ?? {}, data: own },
      { runHooks },
    );
    const projectDir = join(outputDir, rendered.folderName);
    if (!isWithin(outputDir, projectDir) || projectDir === outputDir || rendered.folderName.includes('/')) {
      throw new UnsafePathError({
        message: `the project folder renders to ${JSON.stringify(rendered.folderName)}, which leaves the output folder`,
      });
    }
    let generation: { spec: MvpSpec; slots: CodeSlots } | null = null;
    if (template.factory.generator && options.generate !== false) {
      const spec = options.spec
        ? parseInput(MvpSpec, options.spec, 'MVP spec')
        : await loadSampleSpec(template).then(({ spec: sample, issues }) => {
            if (!sample) throw templateBroken(templateName, issues);
            return sample;
          });
      const slots = options.slots ? parseInput(CodeSlots, options.slots, 'code slots') : defaultSlots(spec);
      generation = { spec, slots };
    }
    // With generate: false the output is what cookiecutter itself renders, so no factory record.
    const record =
      options.generate === false
        ? undefined
        : parseInput(
            GenerationRecord,
            {
              template: templateName,
              templateVersion: template.factory.version,
              specVersion: options.specVersion ?? 1,
            },
            'generation record',
          );
    const plan = planProject(template, rendered, generation, record);
    const unsafe = plan.issues.find((i) => i.code === 'UNSAFE_PATH');
    if (unsafe) throw new UnsafePathError({ message: `${unsafe.file ?? ''}: ${unsafe.message}` });
    if (plan.issues.length > 0) throw templateBroken(templateName, plan.issues);
    return {
      projectDir,
      outputDir,
      slug,
      files: plan.files,
      directories: plan.directories,
      initial:
        generation && record
          ? { spec: generation.spec, template: { name: templateName, version: record.templateVersion } }
          : null,
    };
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
    version: factory.version,
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
