import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { defaultTemplatesDir } from '../default-templates-dir';
import type { GeneratedFile } from './generated-file';

let cached: GeneratedFile[] | undefined;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * The shared web runtime (`templates/_web`): the same data layer, API, validation and tests in
 * every web project, copied at the same relative paths. Read once per process; its README stays behind.
 */
export function webRuntimeFiles(): GeneratedFile[] {
  if (!cached) {
    const root = join(defaultTemplatesDir(), '_web');
    cached = walk(root)
      .map((file) => relative(root, file).split(sep).join('/'))
      .filter((path) => path !== 'README.md')
      .sort()
      .map((path) => ({ path, content: readFileSync(join(root, path), 'utf8') }));
  }
  return cached;
}
