import { execFile } from 'node:child_process';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { carryBuildCache } from './gate-build-cache';

/** What a web template's build writes: Next's `.next`, Nuxt's `.nuxt` and `.output`. */
export const BUILD_OUTPUTS = ['.next', '.nuxt', '.output'] as const;
const LOCKFILES = ['pnpm-lock.yaml', 'package-lock.json'] as const;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Readies the gate's worktree from the project before the gate installs: the project's
 * node_modules as hard links and its lockfile, so the install starts from what is installed (with
 * an unchanged package.json the validator skips it) and never writes into the project's own copy;
 * and a copy of its build cache, so the build is incremental.
 */
export async function prepareGateWorkspace(projectDir: string, gateDir: string): Promise<void> {
  if (await exists(join(projectDir, 'node_modules'))) {
    await promisify(execFile)('cp', ['-al', join(projectDir, 'node_modules'), join(gateDir, 'node_modules')]);
  }
  // Lockfiles are kept out of git, so the worktree has none: the one node_modules were installed from.
  for (const lockfile of LOCKFILES) {
    if ((await exists(join(projectDir, lockfile))) && !(await exists(join(gateDir, lockfile)))) {
      await copyFile(join(projectDir, lockfile), join(gateDir, lockfile));
    }
  }
  await carryBuildCache(projectDir, gateDir);
}

/**
 * After the gate passed and its tree replaced the project's: the build the gate verified becomes
 * the project's build, so the app started next (a blue/green redeploy, `npm start`) runs the code
 * that passed, not the previous generation's build, and nothing builds it a second time. Each
 * output is swapped in by rename (same file system: the gate's folder sits beside the project);
 * the replaced one is moved into `trashDir`, which the caller removes. A deployed app is not
 * disturbed: each generation runs from its own release folder (the deployer's), which also keeps
 * the previous build's client chunks for the pages it served.
 */
export async function handOverBuild(
  gateDir: string,
  projectDir: string,
  trashDir: string,
): Promise<string[]> {
  const moved: string[] = [];
  for (const output of BUILD_OUTPUTS) {
    const built = join(gateDir, output);
    if (!(await exists(built))) continue;
    const live = join(projectDir, output);
    if (await exists(live)) {
      await rm(join(trashDir, output), { recursive: true, force: true });
      await rename(live, join(trashDir, output));
    }
    await rename(built, live);
    moved.push(output);
  }
  return moved;
}
