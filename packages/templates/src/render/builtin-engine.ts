import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateUnsupportedError, UnsafePathError } from '@startup-factory/contracts';
import { classifyBytes } from './binary-file';
import { renderSubset, type TextRenderer } from './builtin-subset';
import type {
  RenderEngine,
  RenderedDirectory,
  RenderedFile,
  RenderedProject,
  RenderOptions,
  RenderValues,
} from './engine';
import { fnmatchToRegExp } from './fnmatch';
import { findHooks } from './hooks';
import { buildContext } from './template-context';
import { positionAt, type TemplateDefinition } from './template-definition';

function unsupported(file: string, construct: string, why: string, line?: number): TemplateUnsupportedError {
  return new TemplateUnsupportedError({
    file,
    ...(line ? { line } : {}),
    construct,
    message: `${file}${line ? `, line ${line}` : ''}: ${why}; install cookiecutter (apt-get install cookiecutter, or pip install cookiecutter) to render this template. Nothing was written.`,
  });
}

/** A JSON number with a fraction or exponent: JavaScript reads 1.0 as 1, Python prints it as 1.0. */
function floatLiteral(text: string): number | null {
  const blanked = text.replace(/"(?:[^"\\]|\\.)*"/g, (s) => ' '.repeat(s.length));
  const m = /\d[.eE]/.exec(blanked);
  return m ? m.index : null;
}

/** The template-wide things the built-in renderer cannot reproduce, refused before any rendering. */
async function checkTemplate(template: TemplateDefinition, runHooks: boolean): Promise<void> {
  const hooks = await findHooks(template.root);
  if (hooks[0] && runHooks) throw unsupported(hooks[0], 'hook', 'the built-in renderer does not run hooks');
  const extensions = template.raw._extensions;
  if (Array.isArray(extensions) ? extensions.length > 0 : extensions !== undefined) {
    throw unsupported(
      'cookiecutter.json',
      '_extensions',
      'Jinja2 extensions run only in cookiecutter itself',
    );
  }
  if (template.projectFolderCandidates.length > 1) {
    throw unsupported(
      template.name,
      template.projectFolderCandidates.join(', '),
      "several folders match cookiecutter's project-folder rule and cookiecutter takes whichever the file system lists first",
    );
  }
  const float = floatLiteral(template.rawText);
  if (float !== null) {
    throw unsupported(
      'cookiecutter.json',
      'float',
      'a number with a fraction or exponent prints differently in Python',
      positionAt(template.rawText, float).line,
    );
  }
}

/** cookiecutter 1.x writes every line ending as \n, 2.x as the file's first line ends: only \n is certain. */
function checkLineEndings(text: string, file: string): void {
  const at = text.indexOf('\r');
  if (at >= 0) {
    throw unsupported(
      file,
      'CR line ending',
      'cookiecutter versions write \\r\\n and \\r line endings differently',
      text.slice(0, at).split('\n').length,
    );
  }
}

/**
 * Renders a template in process for the subset of Jinja2 whose output is certain (see
 * builtin-subset.ts), walking it as cookiecutter's generate_files does. Anything else is refused.
 */
export class BuiltinEngine implements RenderEngine {
  readonly name = 'builtin' as const;

  /** `renderText` is the subset renderer; another one is plugged in only to measure candidate engines. */
  constructor(private readonly renderText: TextRenderer = renderSubset) {}

  async render(
    template: TemplateDefinition,
    values: RenderValues,
    { runHooks = true }: RenderOptions = {},
  ): Promise<RenderedProject> {
    await checkTemplate(template, runHooks);
    const renderText = this.renderText;
    const context = buildContext(template, values, renderText);
    const scope = context;
    const copyOnly = (
      Array.isArray(template.raw._copy_without_render) ? template.raw._copy_without_render : []
    )
      .filter((p): p is string => typeof p === 'string')
      .map(fnmatchToRegExp);
    const isCopyOnly = (rel: string) => copyOnly.some((re) => re.test(rel));
    const files: RenderedFile[] = [];
    const directories: RenderedDirectory[] = [];
    const top = template.projectFolder;

    const renderSegment = (raw: string, file: string): string => {
      const name = renderText(raw, scope, file);
      if (name === '')
        throw unsupported(file, raw, 'the name renders empty, which cookiecutter versions treat differently');
      if (name === '.' || name === '..' || /[\\/\0]/.test(name)) {
        throw new UnsafePathError({
          message: `${file}: the name renders to ${JSON.stringify(name)}, which is not a single safe name; fix the template or the variable that produced it`,
        });
      }
      return name;
    };

    const copyTree = async (dir: string, out: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        const info = await lstat(full);
        if (info.isSymbolicLink())
          throw unsupported(full.slice(template.root.length + 1), 'symbolic link', 'links are not copied');
        if (info.isDirectory()) {
          directories.push({ path: `${out}/${entry.name}`, mode: info.mode & 0o7777 });
          await copyTree(full, `${out}/${entry.name}`);
        } else if (info.isFile())
          files.push({
            path: `${out}/${entry.name}`,
            content: await readFile(full),
            mode: info.mode & 0o7777,
          });
      }
    };

    const walk = async (dir: string, rel: string, out: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const source = rel ? `${rel}/${entry.name}` : entry.name;
        const shown = `${top}/${source}`;
        const full = join(dir, entry.name);
        const info = await lstat(full);
        if (info.isSymbolicLink())
          throw unsupported(shown, 'symbolic link', 'cookiecutter follows file links but not folder links');
        const name = renderSegment(entry.name, shown);
        const target = out ? `${out}/${name}` : name;
        if (info.isDirectory()) {
          if (isCopyOnly(source)) {
            directories.push({ path: target, mode: info.mode & 0o7777 });
            await copyTree(full, target);
          } else {
            directories.push({ path: target });
            await walk(full, source, target);
          }
          continue;
        }
        if (!info.isFile()) continue;
        const bytes = await readFile(full);
        const mode = info.mode & 0o7777;
        if (isCopyOnly(source)) {
          files.push({ path: target, content: bytes, mode });
          continue;
        }
        const kind = classifyBytes(bytes);
        if (kind === 'unsure')
          throw unsupported(
            shown,
            'file encoding',
            'whether cookiecutter treats this file as binary depends on chardet',
          );
        if (kind === 'binary') {
          files.push({ path: target, content: bytes, mode });
          continue;
        }
        const text = bytes.toString('utf8');
        checkLineEndings(text, shown);
        files.push({ path: target, content: renderText(text, scope, shown), mode });
      }
    };

    const folderName = renderSegment(top, top);
    await walk(join(template.root, top), '', '');
    return { folderName, files, directories, context, engine: this.name };
  }
}
