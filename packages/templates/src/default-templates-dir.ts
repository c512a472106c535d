import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The templates shipped with the package: `dist/templates` once built (copied there by tsup), else
 * the repository's top-level `templates/` when running from source.
 */
export function defaultTemplatesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'templates'), join(here, '..', '..', '..', 'templates')];
  return candidates.find((dir) => existsSync(join(dir, 'reactnext', 'cookiecutter.json'))) ?? candidates[1]!;
}
