import { access, constants, readdir, readFile } from 'node:fs/promises';
import { delimiter, extname, join } from 'node:path';
import { TemplateUnsupportedError } from '@startup-factory/contracts';

const HOOK_NAMES = new Set(['pre_gen_project', 'post_gen_project']);

/** The hook scripts cookiecutter would run: `hooks/pre_gen_project.*` and `hooks/post_gen_project.*`, no `~` backups. */
export async function findHooks(root: string): Promise<string[]> {
  const names = await readdir(join(root, 'hooks')).catch(() => [] as string[]);
  return names
    .filter((n) => !n.endsWith('~') && HOOK_NAMES.has(n.slice(0, n.length - extname(n).length)))
    .sort()
    .map((n) => `hooks/${n}`);
}

const executable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

async function onPath(command: string): Promise<boolean> {
  if (command.includes('/')) return executable(command);
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (await executable(join(dir, command))) return true;
  }
  return false;
}

/**
 * cookiecutter runs a `.py` hook with its own Python and any other hook directly, through its `#!`
 * line. A hook whose interpreter is not installed is refused here, before anything is rendered.
 */
export async function checkHookInterpreters(root: string, templateName: string): Promise<void> {
  for (const hook of await findHooks(root)) {
    if (hook.endsWith('.py')) continue;
    const first = (await readFile(join(root, hook), 'utf8')).split('\n', 1)[0] ?? '';
    const shebang = first.match(/^#!\s*(\S+)(?:\s+(\S+))?/);
    if (!shebang?.[1]) {
      throw new TemplateUnsupportedError({
        file: hook,
        line: 1,
        construct: 'hook without #!',
        message: `Template ${templateName}: ${hook} has no #! line, and cookiecutter runs non-Python hooks directly; start it with e.g. #!/bin/sh.`,
      });
    }
    const interpreter = shebang[1].endsWith('/env') && shebang[2] ? shebang[2] : shebang[1];
    if (!(await onPath(interpreter))) {
      throw new TemplateUnsupportedError({
        file: hook,
        line: 1,
        construct: first.trim(),
        message: `Template ${templateName}: ${hook} needs ${interpreter}, which is not installed here; install it or change the hook's #! line. Nothing was written.`,
      });
    }
  }
}
