import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidationIssue } from '@startup-factory/contracts';
import { renderName, renderString } from './nunjucks-environment';
import { isWithin } from './path-safety';
import { globToRegExp, PROJECT_FOLDER, type TemplateDefinition } from './template-definition';

export interface RenderedFile {
  /** Path inside the project, `/`-separated. */
  path: string;
  content: string | Buffer;
  executable: boolean;
}

export interface RenderOutcome {
  files: RenderedFile[];
  issues: ValidationIssue[];
}

/** `cookiecutter.x` names that `source` uses but the context lacks. */
function missingVariables(source: string, context: Record<string, unknown>): string[] {
  const names = [...source.matchAll(/cookiecutter\.([A-Za-z_]\w*)/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].filter((name) => !(name in context));
}

/** Sorts a nunjucks failure into UNDEFINED_VARIABLE or RENDER_ERROR, naming the variables it can. */
export function renderIssue(
  error: unknown,
  file: string,
  source = '',
  context: Record<string, unknown> = {},
): ValidationIssue {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  const missing = missingVariables(source, context);
  if (missing.length > 0 || /undefined value|which is undefined|is not defined/i.test(message)) {
    const names = missing.map((n) => `cookiecutter.${n}`).join(', ');
    return {
      code: 'UNDEFINED_VARIABLE',
      message: names ? `uses undefined variable ${names} (${message})` : message,
      file,
    };
  }
  return { code: 'RENDER_ERROR', message, file };
}

const looksBinary = (bytes: Buffer) => bytes.subarray(0, 8000).includes(0);

/** A rendered name segment that is empty skips the entry, as a conditional file; anything path-like is unsafe. */
function checkSegment(segment: string, source: string): ValidationIssue | null {
  if (segment === '') return null;
  if (segment === '.' || segment === '..' || /[\\/\0]/.test(segment)) {
    return {
      code: 'UNSAFE_PATH',
      message: `name ${JSON.stringify(source)} renders to ${JSON.stringify(segment)}, which is not a single safe name`,
      file: source,
    };
  }
  return null;
}

/**
 * Renders the project folder of a template in memory: names and contents through nunjucks, except
 * `_copy_without_render` matches and binary files. Collects every problem instead of stopping.
 */
export async function renderTree(
  template: TemplateDefinition,
  context: Record<string, unknown>,
): Promise<RenderOutcome> {
  const files: RenderedFile[] = [];
  const issues: ValidationIssue[] = [];
  const verbatim = template.copyWithoutRender.map(globToRegExp);
  const templateRoot = await realpath(template.root);
  const scope = { cookiecutter: context };

  async function walk(dir: string, sourceRel: string, outRel: string): Promise<void> {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const source = sourceRel ? `${sourceRel}/${entry.name}` : entry.name;
      const full = join(dir, entry.name);
      let name: string;
      try {
        name = renderName(entry.name, scope);
      } catch (error) {
        issues.push(renderIssue(error, `${PROJECT_FOLDER}/${source}`, entry.name, context));
        continue;
      }
      const unsafe = checkSegment(name, `${PROJECT_FOLDER}/${source}`);
      if (unsafe) {
        issues.push(unsafe);
        continue;
      }
      if (name === '') continue;
      const out = outRel ? `${outRel}/${name}` : name;
      let info = await lstat(full);
      if (info.isSymbolicLink()) {
        const target = await realpath(full).catch(() => null);
        if (!target || !isWithin(templateRoot, target)) {
          issues.push({
            code: 'UNSAFE_PATH',
            message: 'symbolic link points outside the template; templates may only link inside themselves',
            file: `${PROJECT_FOLDER}/${source}`,
          });
          continue;
        }
        info = await stat(target);
      }
      if (info.isDirectory()) {
        await walk(full, source, out);
        continue;
      }
      if (!info.isFile()) continue;
      const bytes = await readFile(full);
      const executable = (info.mode & 0o111) !== 0;
      if (looksBinary(bytes) || verbatim.some((re) => re.test(source) || re.test(entry.name))) {
        files.push({ path: out, content: bytes, executable });
        continue;
      }
      const text = bytes.toString('utf8');
      try {
        files.push({ path: out, content: renderString(text, scope, source), executable });
      } catch (error) {
        issues.push(renderIssue(error, `${PROJECT_FOLDER}/${source}`, text, context));
      }
    }
  }

  await walk(join(template.root, PROJECT_FOLDER), '', '');
  return { files, issues };
}
