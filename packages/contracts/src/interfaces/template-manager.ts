import type { MvpSpec } from '../schemas/mvp-spec';
import type { CodeSlots } from '../schemas/phase-outputs';
import type { ResourceAllocation } from '../schemas/resource-allocation';
import type { StartupConfig } from '../schemas/startup-config';
import type { GenerationPreview, TemplateInfo, ValidationResult } from '../schemas/template';

export interface CreateFromTemplateOptions {
  /** Drives the spec-driven generators (migrations, API routes, pages). */
  spec?: MvpSpec;
  /** AI-written copy for the template's typed slots. */
  slots?: CodeSlots;
  /** The spec version recorded in the project's `.factory/generation.json` (default 1). */
  specVersion?: number;
  /** Replace an existing project folder instead of failing with CONFLICT. */
  overwrite?: boolean;
  /** Folder name for the project; defaults to the slug of the startup name. */
  projectSlug?: string;
  /**
   * Values for cookiecutter.json keys, as cookiecutter's `extra_context`: they replace defaults (a
   * choice variable's value must be one of its choices). The factory's own values win over them.
   */
  extraContext?: Record<string, string>;
}

/** Discovers, validates and renders project templates. */
export interface ITemplateManager {
  getAvailableTemplates(): Promise<TemplateInfo[]>;
  /** Renders the template into the output folder and returns the project's absolute path. TEMPLATE_NOT_FOUND, CONFLICT, UNSAFE_PATH, TEMPLATE_UNSUPPORTED. */
  createFromTemplate(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options?: CreateFromTemplateOptions,
  ): Promise<string>;
  /** What createFromTemplate would write, without writing anything. */
  previewFromTemplate(
    templateName: string,
    startupConfig: StartupConfig,
    allocation: ResourceAllocation,
    options?: CreateFromTemplateOptions,
  ): Promise<GenerationPreview>;
  /** Lists every problem; an unknown name is an invalid result with TEMPLATE_NOT_FOUND, not a throw. */
  validateTemplate(templateName: string): Promise<ValidationResult>;
}
