import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConflictError } from '../errors/conflict-error';
import { TemplateNotFoundError } from '../errors/template-not-found-error';
import { UnsafePathError } from '../errors/unsafe-path-error';
import type { CreateFromTemplateOptions, ITemplateManager } from '../interfaces/template-manager';
import type { ResourceAllocation } from '../schemas/resource-allocation';
import { type StartupConfig, slugify } from '../schemas/startup-config';
import {
  GENERATION_RECORD_PATH,
  type GenerationPreview,
  type GenerationRecord,
  type TemplateInfo,
  type ValidationResult,
} from '../schemas/template';

const SAFE_SLUG = /^[a-z0-9][a-z0-9_-]{0,79}$/;

/**
 * A small but correct ITemplateManager with one template, `fake`, that writes a README and an
 * `.env` holding the allocated port. For tests of code that drives a template manager.
 */
export class FakeTemplateManager implements ITemplateManager {
  readonly outputDir: string;
  /** The template's version; a test may raise it to stand for a newer release. */
  version: string;

  constructor({ outputDir, version = '1.0.0' }: { outputDir: string; version?: string }) {
    this.outputDir = resolve(outputDir);
    this.version = version;
  }

  async getAvailableTemplates(): Promise<TemplateInfo[]> {
    return [
      {
        name: 'fake',
        version: this.version,
        description: 'A two-file project for tests.',
        framework: 'none',
        requiredPorts: 1,
        resourceRequirements: {
          memoryMb: 256,
          cpuCores: 0.5,
          storageGb: 1,
          portCount: 1,
          apiCallsPerHour: 100,
          costPerDayUsd: 1,
        },
        variables: ['project_name', 'port'],
      },
    ];
  }

  async validateTemplate(templateName: string): Promise<ValidationResult> {
    if (templateName === 'fake') return { valid: true, errors: [], warnings: [] };
    return {
      valid: false,
      errors: [{ code: 'TEMPLATE_NOT_FOUND', message: `no template named ${templateName}` }],
      warnings: [],
    };
  }

  async previewFromTemplate(
    templateName: string,
    config: StartupConfig,
    allocation: ResourceAllocation,
    options: CreateFromTemplateOptions = {},
  ): Promise<GenerationPreview> {
    const { projectDir, files } = this.plan(templateName, config, allocation, options);
    return { projectDir, files: Object.keys(files) };
  }

  async createFromTemplate(
    templateName: string,
    config: StartupConfig,
    allocation: ResourceAllocation,
    options: CreateFromTemplateOptions = {},
  ): Promise<string> {
    const { projectDir, files } = this.plan(templateName, config, allocation, options);
    const exists = await stat(projectDir).then(
      () => true,
      () => false,
    );
    if (exists && !options.overwrite) {
      throw new ConflictError({ message: `${projectDir} exists; pass overwrite: true to replace it` });
    }
    if (exists) await rm(projectDir, { recursive: true, force: true });
    await mkdir(projectDir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(projectDir, name)), { recursive: true });
      await writeFile(join(projectDir, name), text);
    }
    return projectDir;
  }

  private plan(
    templateName: string,
    config: StartupConfig,
    allocation: ResourceAllocation,
    options: CreateFromTemplateOptions,
  ): { projectDir: string; files: Record<string, string> } {
    if (templateName !== 'fake')
      throw new TemplateNotFoundError({ message: `no template named ${templateName}` });
    const slug = options.projectSlug ?? slugify(config.name);
    if (isAbsolute(slug) || !SAFE_SLUG.test(slug)) {
      throw new UnsafePathError({
        message: `project slug ${JSON.stringify(slug)} must be lowercase letters, digits, - and _`,
      });
    }
    const port = allocation.ports[0];
    const generation: GenerationRecord = {
      template: 'fake',
      templateVersion: this.version,
      specVersion: options.specVersion ?? 1,
    };
    return {
      projectDir: join(this.outputDir, slug),
      files: {
        'README.md': `# ${config.name}\n\nListens on port ${port}.\n`,
        '.env': `PORT=${port}\nDB_SCHEMA=${allocation.databaseNamespace}\n`,
        [GENERATION_RECORD_PATH]: `${JSON.stringify(generation, null, 2)}\n`,
      },
    };
  }
}
