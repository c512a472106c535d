import type { Dirent } from 'node:fs';
import { link, mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { deployRuntimeDir } from './deploy-state';

/**
 * Left out of a release: the deploy's own folder, git, the packages (linked, see below), the app's
 * data (one copy, the project's) and Next's build cache (the app writes its own).
 */
const NOT_RELEASED = new Set(['.deploy', '.git', 'node_modules', '.data']);
const NOT_RELEASED_BUILD = new Set(['.next/cache']);

/** Where every release of a project lives: `<projectDir>/.deploy/releases`. */
export const releasesDir = (projectDir: string) => join(deployRuntimeDir(projectDir), 'releases');

/**
 * Freezes what the project holds now as the folder one generation runs from, by hard links (cheap,
 * and a later build or hand-over replaces the project's files by new ones, never these). Nothing
 * touches it while its process lives, so the old generation keeps serving its own pages, server
 * chunks and client chunks through the switch. The previous release's client chunks (Next names
 * them by content) are linked in beside the new build's: a page the old build rendered asks for
 * its chunks after the switch, and the new process answers them.
 */
export async function createRelease(
  projectDir: string,
  name: string,
  previous: string | null,
): Promise<string> {
  const release = join(releasesDir(projectDir), name);
  await rm(release, { recursive: true, force: true });
  await linkTree(projectDir, release, '', false);
  // The project's packages, by one symlink: Next's build links its externals relatively
  // (`.next/node_modules/pg-<hash>` -> `../../node_modules/pg`), which must resolve in the release.
  await symlink(join(projectDir, 'node_modules'), join(release, 'node_modules'), 'dir');
  if (previous) await linkTree(join(previous, '.next', 'static'), join(release, '.next', 'static'), '', true);
  return release;
}

/** Removes a release once its process is gone (drained and stopped, or never healthy). */
export async function removeRelease(release: string): Promise<void> {
  await rm(release, { recursive: true, force: true });
}

/** Removes every release of a project: at a new deploy nothing of it runs any more. */
export async function removeReleases(projectDir: string): Promise<void> {
  await rm(releasesDir(projectDir), { recursive: true, force: true });
}

async function linkTree(from: string, to: string, relative: string, keepExisting: boolean): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && keepExisting) return;
    throw error;
  }
  await mkdir(to, { recursive: true });
  for (const entry of entries) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if ((!relative && NOT_RELEASED.has(entry.name)) || NOT_RELEASED_BUILD.has(path)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target, path, keepExisting);
    else if (entry.isSymbolicLink())
      await ignoreExisting(symlink(await readlink(source), target), keepExisting);
    else await ignoreExisting(link(source, target), keepExisting);
  }
}

async function ignoreExisting(made: Promise<void>, keepExisting: boolean): Promise<void> {
  try {
    await made;
  } catch (error) {
    if (!(keepExisting && (error as NodeJS.ErrnoException).code === 'EEXIST')) throw error;
  }
}
