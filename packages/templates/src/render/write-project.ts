import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError, UnsafePathError } from '@startup-factory/contracts';
import type { RenderedDirectory, RenderedFile } from './engine';
import { isWithin } from './path-safety';
import { writeRenderedTree } from './write-rendered-tree';

export interface WriteOptions {
  outputDir: string;
  projectDir: string;
  files: RenderedFile[];
  /** Every folder (empty ones too); a given mode is applied once everything is written. */
  directories: RenderedDirectory[];
  overwrite: boolean;
  /** The project's `.git` holds only the factory's record of its creation, so overwrite may replace it. */
  replaceableRepository?: boolean;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Folders an install, a build or a dev server writes: replaced with the project, not the founder's work. */
const REBUILT = new Set([
  'node_modules',
  '.next',
  '.nuxt',
  '.output',
  'dist',
  '.dart_tool',
  'build',
  'coverage',
]);

/**
 * What replacing `projectDir` with `files` would delete that the factory did not write: files the
 * founder added, the app's database (`.data`), the project's git history (generations).
 */
async function foundersWork(
  projectDir: string,
  files: RenderedFile[],
  directories: RenderedDirectory[],
  replaceableRepository: boolean,
): Promise<string[]> {
  const rendered = new Set(files.map((f) => f.path));
  const ancestors = (path: string) => path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const renderedDirs = new Set([
    ...files.flatMap((f) => ancestors(f.path).slice(0, -1)),
    ...directories.flatMap((d) => ancestors(d.path)),
  ]);
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (!prefix && entry.name === '.git' && replaceableRepository) continue;
      if (!prefix && (entry.name === '.git' || entry.name === '.data')) found.push(`${path}/`);
      else if (entry.isDirectory() && !REBUILT.has(entry.name)) {
        if (renderedDirs.has(path)) await walk(join(dir, entry.name), path);
        else found.push(`${path}/`);
      } else if (!entry.isDirectory() && !rendered.has(path)) found.push(path);
      if (found.length >= 20) return;
    }
  };
  await walk(projectDir, '');
  return found;
}

/**
 * Writes into a hidden staging folder beside the project with every file's mode and every folder,
 * then swaps it into place, so a failed write never leaves half a project behind.
 */
export async function writeProject({
  outputDir,
  projectDir,
  files,
  directories,
  overwrite,
  replaceableRepository = false,
}: WriteOptions): Promise<void> {
  if (!isWithin(outputDir, projectDir) || projectDir === outputDir) {
    throw new UnsafePathError({ message: `${projectDir} is not inside ${outputDir}` });
  }
  const existing = await lstat(projectDir).catch(() => null);
  if (existing?.isSymbolicLink()) {
    throw new UnsafePathError({
      message: `${projectDir} is a symbolic link; remove it before generating there`,
    });
  }
  if (existing && !overwrite) {
    throw new ConflictError({
      message: `${projectDir} already exists; choose another project slug or pass overwrite: true to replace it`,
    });
  }
  if (existing && overwrite) {
    const kept = await foundersWork(projectDir, files, directories, replaceableRepository);
    if (kept.length > 0) {
      throw new ConflictError({
        message: `${projectDir} holds work the factory did not generate (${kept.join(', ')}); overwrite would delete it, so nothing was written. Change the project with \`factory evolve\`, which keeps it, or move those files away first.`,
      });
    }
  }
  await mkdir(outputDir, { recursive: true });
  const suffix = randomBytes(6).toString('hex');
  const name = projectDir.slice(outputDir.length + 1);
  const staging = join(outputDir, `.${name}.tmp-${suffix}`);
  try {
    const inside = (path: string) => {
      const target = join(staging, ...path.split('/'));
      if (!isWithin(staging, target))
        throw new UnsafePathError({ message: `${path} leaves the project folder` });
      return target;
    };
    await mkdir(staging, { recursive: true });
    for (const dir of directories) await mkdir(inside(dir.path), { recursive: true });
    await writeRenderedTree(staging, files);
    // Deepest first, so a read-only folder is closed only after everything inside it is written.
    const withModes = directories
      .filter((d) => d.mode !== undefined)
      .sort((a, b) => b.path.length - a.path.length);
    for (const dir of withModes) await chmod(inside(dir.path), dir.mode as number);
    if (overwrite && (await exists(projectDir))) {
      const old = join(outputDir, `.${name}.old-${suffix}`);
      await rename(projectDir, old);
      await rename(staging, projectDir);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(staging, projectDir).catch((error: NodeJS.ErrnoException) => {
        // Another create of the same project won the race between our check and this rename.
        if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST') {
          throw new ConflictError({
            message: `${projectDir} was created meanwhile; pass overwrite: true to replace it`,
          });
        }
        throw error;
      });
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
