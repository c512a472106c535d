import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ConflictError, UnsafePathError } from '@startup-factory/contracts';

/** Where one startup's files live: its documents and its generated project. */
export interface StartupFolders {
  documents: string;
  project: string;
}

/** The folders a startup with `slug` writes to, under the factory's data folder. */
export function startupFolders(
  paths: { workspaceDir: string; projectsDir: string },
  slug: string,
): StartupFolders {
  return { documents: join(paths.workspaceDir, slug), project: join(paths.projectsDir, slug) };
}

/** Whether none of a startup's folders exists yet. */
export function foldersUnused(folders: StartupFolders): boolean {
  return takenFolders(folders).length === 0;
}

const takenFolders = (folders: StartupFolders) =>
  Object.values(folders).filter((folder) => existsSync(folder));

/**
 * Refuses a new startup whose folders already hold files (kept by `delete --keep-files`, or left by
 * an older factory), so it never writes into another startup's documents or project.
 */
export function assertFoldersUnused(folders: StartupFolders, name: string): void {
  const taken = takenFolders(folders);
  if (taken.length > 0) {
    throw new ConflictError({
      message: `${taken.join(' and ')} already ${taken.length > 1 ? 'hold' : 'holds'} files of an earlier startup named like "${name}"; move or delete ${taken.length > 1 ? 'them' : 'it'}, or choose another name.`,
    });
  }
}

/**
 * What evolving a project leaves beside it (the templates package's evolve engine names them so):
 * conflict worktrees `<project>.conflicts-N` for the founder to resolve, and, after a crash, the
 * engine's temp folders `.<project>.evolve-*` and its lock `.<project>.evolve.lock`.
 */
export function evolveLeftovers(projectDir: string): string[] {
  const parent = dirname(projectDir);
  const name = basename(projectDir);
  const conflicts = `${name}.conflicts-`;
  const leftover = (entry: string) =>
    entry === `.${name}.evolve.lock` ||
    (entry.startsWith(`.${name}.evolve-`) && entry.length > name.length + 9) ||
    (entry.startsWith(conflicts) && /^\d+$/.test(entry.slice(conflicts.length)));
  const names = existsSync(parent) ? readdirSync(parent) : [];
  return names.filter(leftover).map((entry) => join(parent, entry));
}

/** Deletes a startup's folders; refuses any path that is not inside `root`. */
export function removeFolders(root: string, folders: string[]): string[] {
  const removed: string[] = [];
  for (const folder of new Set(folders.map((f) => resolve(f)))) {
    const inside = relative(resolve(root), folder);
    if (inside === '' || inside.startsWith('..') || resolve(root, inside) !== folder) {
      throw new UnsafePathError({
        message: `Refusing to delete ${folder}: it is not inside the data folder ${root}; remove it by hand.`,
      });
    }
    if (!existsSync(folder)) continue;
    rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}
