import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MvpSpec } from '@startup-factory/contracts';
import type { RenderedFile } from '../render/engine';
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
 * Records generation 1 of a project createFromTemplate has just written: the pristine render (the
 * files written, on the template version used) on the pristine branch, the same files on main.
 * If git fails, the half-made repository is removed so the project is as before and a retry
 * (overwrite) can replace it.
 */
export async function recordCreation(options: {
  projectDir: string;
  outputDir: string;
  slug: string;
  files: RenderedFile[];
  spec: MvpSpec;
  template: TemplateVersion;
}): Promise<void> {
  const { projectDir, files } = options;
  const work = await mkdtemp(join(options.outputDir, `.${options.slug}.create-`));
  try {
    await initializeRepository({
      projectDir,
      workDir: work,
      render: async () => files,
      spec: options.spec,
      template: options.template,
      now: new Date(),
      message: 'The project as the factory created it',
    });
  } catch (error) {
    await rm(join(projectDir, '.git'), { recursive: true, force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
