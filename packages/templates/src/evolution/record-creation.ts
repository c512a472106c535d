import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MvpSpec } from '@startup-factory/contracts';
import { listGenerations, MAIN_BRANCH } from './generation-log';
import { GitRepository } from './git-repository';
import { hasRepository, initializeRepository, type TemplateVersion } from './initialize-repository';

/**
 * Whether a project's repository holds only what createFromTemplate recorded (generation 1, no
 * commit or uncommitted change after it): replacing it with a new create loses nothing of anyone's.
 */
export async function onlyCreated(projectDir: string): Promise<boolean> {
  if (!(await hasRepository(projectDir))) return false;
  const git = new GitRepository(projectDir);
  const generations = await listGenerations(git).catch(() => null);
  if (generations?.length !== 1 || generations[0]?.kind !== 'initial') return false;
  if ((await git.revParse(MAIN_BRANCH)) !== generations[0].userCommit) return false;
  return (await git.uncommitted()).length === 0;
}

/**
 * Records generation 1 of a project createFromTemplate has just written: its files (the render on
 * the template version used) as the pristine branch's commit, the same files on main. If git
 * fails, the half-made repository is removed, so the project is as written and a retry
 * (overwrite) can replace it.
 */
export async function recordCreation(options: {
  projectDir: string;
  spec: MvpSpec;
  template: TemplateVersion;
}): Promise<void> {
  try {
    await initializeRepository({
      ...options,
      now: new Date(),
      message: 'The project as the factory created it',
    });
  } catch (error) {
    await rm(join(options.projectDir, '.git'), { recursive: true, force: true });
    throw error;
  }
}
