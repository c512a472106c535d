import type { CookiecutterContext } from './template-context';
import type { TemplateDefinition } from './template-definition';

/** `cookiecutter`: Python's cookiecutter itself; `builtin`: the nunjucks subset; `auto`: the first when installed. */
export type RenderEngineName = 'auto' | 'cookiecutter' | 'builtin';

export interface RenderedFile {
  /** Path inside the project, `/`-separated. */
  path: string;
  content: string | Buffer;
  /** Permission bits to give the file (as the template's file had them). */
  mode: number;
}

export interface RenderedDirectory {
  path: string;
  mode?: number;
}

/** A rendered project held in memory: nothing is written until `writeProject`. */
export interface RenderedProject {
  /** The rendered name of the template's project folder: the project's folder name. */
  folderName: string;
  files: RenderedFile[];
  /** Every folder, so empty ones are kept. */
  directories: RenderedDirectory[];
  /** The final `cookiecutter.*` values. */
  context: CookiecutterContext;
  engine: 'cookiecutter' | 'builtin';
}

/**
 * The values a render starts from, as cookiecutter's `extra_context`. `extra` is the user's own and
 * rendered as cookiecutter renders every value; `data` (the startup's name, description, ...) is
 * used exactly as given, never evaluated as a template, since it may come from anyone.
 */
export interface RenderValues {
  extra: Record<string, unknown>;
  data: Record<string, unknown>;
}

export interface RenderOptions {
  /** false for previews and validation: hooks have side effects, so they run only for a real create. */
  runHooks?: boolean;
}

/**
 * Renders a whole template with cookiecutter's semantics, or throws a typed error before anything
 * is written: TemplateUnsupportedError (file, line, construct), InvalidConfigError, UnsafePathError.
 */
export interface RenderEngine {
  readonly name: 'cookiecutter' | 'builtin';
  render(
    template: TemplateDefinition,
    values: RenderValues,
    options?: RenderOptions,
  ): Promise<RenderedProject>;
}
