import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ConflictError, InvalidConfigError, UnsafePathError } from '@startup-factory/contracts';
import { isWithin } from './path-safety';
import type { RenderedFile } from './render-tree';

const run = promisify(execFile);

export interface WriteOptions {
  outputDir: string;
  projectDir: string;
  files: RenderedFile[];
  overwrite: boolean;
  /** `hooks/post_gen_project.mjs` of the template, when it has one. */
  hook?: { path: string; context: Record<string, unknown>; timeoutMs: number };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Writes into a hidden staging folder beside the project, runs the post-generation hook there, then
 * swaps it into place, so a failed render or hook never leaves half a project behind.
 */
export async function writeProject({
  outputDir,
  projectDir,
  files,
  overwrite,
  hook,
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
  await mkdir(outputDir, { recursive: true });
  const suffix = randomBytes(6).toString('hex');
  const name = projectDir.slice(outputDir.length + 1);
  const staging = join(outputDir, `.${name}.tmp-${suffix}`);
  try {
    for (const file of files) {
      const target = join(staging, ...file.path.split('/'));
      if (!isWithin(staging, target))
        throw new UnsafePathError({ message: `${file.path} leaves the project folder` });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content, { flag: 'wx' });
      if (file.executable) await chmod(target, 0o755);
    }
    if (files.length === 0) await mkdir(staging, { recursive: true });
    if (hook) await runHook(hook.path, staging, hook.context, hook.timeoutMs);
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

async function runHook(path: string, cwd: string, context: Record<string, unknown>, timeoutMs: number) {
  try {
    await run(process.execPath, [path], {
      cwd,
      timeout: timeoutMs,
      env: { ...process.env, COOKIECUTTER_CONTEXT: JSON.stringify(context) },
    });
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? (error as Error).message)
      .trim()
      .slice(-500);
    throw new InvalidConfigError({
      message: `The template's post-generation hook failed, so nothing was written: ${detail}. Fix hooks/post_gen_project.mjs.`,
      cause: error,
    });
  }
}
