import { cp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Generation, NotFoundError } from '@startup-factory/contracts';
import { listGenerations, MAIN_BRANCH, PRISTINE_BRANCH, recordGeneration } from './generation-log';
import { GitRepository } from './git-repository';
import { hasRepository } from './initialize-repository';
import { APP_DATA_DIR, copyDatabase } from './project-database';
import { withProjectLock } from './project-lock';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export interface RollbackResult {
  generation: Generation;
  /** Whether the app's embedded database was returned to the snapshot taken when `to` was left. */
  databaseRestored: boolean;
  /** Where the database as it was before the rollback is kept (nothing is lost). */
  databaseKeptAt: string | null;
}

/**
 * Returns a project's code and embedded database to generation `to`: the founder's files of that
 * generation as a new commit on main (the later ones stay in history), the pristine branch back to
 * its render, and the database back to the snapshot taken when the next generation replaced it.
 * Stop the app first: its database files are replaced.
 */
export async function rollbackProject(
  projectDir: string,
  to: number,
  now: Date = new Date(),
): Promise<RollbackResult> {
  const git = new GitRepository(projectDir);
  const history = (await hasRepository(projectDir)) ? await listGenerations(git) : [];
  const target = history.find((g) => g.generation === to);
  if (!target) {
    throw new NotFoundError({
      message: `No generation ${to} of ${projectDir}; its generations are ${history.map((g) => g.generation).join(', ') || 'none (it was never evolved)'}. Run \`factory history\` to list them.`,
    });
  }
  return withProjectLock(projectDir, async () => {
    const last = history.at(-1) as Generation;
    const number = last.generation + 1;
    if ((await git.uncommitted()).length > 0) {
      await git.run(['add', '--all', '.']);
      await git.run([
        'commit',
        '--quiet',
        '-m',
        `The founder's work before rolling back to generation ${to}`,
      ]);
    }
    await git.run(['restore', `--source=${target.userCommit}`, '--staged', '--worktree', '--', '.']);
    await git.run(['commit', '--quiet', '--allow-empty', '-m', `Roll back to generation ${to}`]);
    const userCommit = (await git.revParse(MAIN_BRANCH)) as string;
    await git.run(['update-ref', `refs/heads/${PRISTINE_BRANCH}`, target.pristineCommit]);

    const snapshot = join(projectDir, '.git', 'factory', 'snapshots', `generation-${to}`, APP_DATA_DIR);
    let databaseKeptAt: string | null = null;
    let databaseRestored = false;
    if (to !== last.generation && (await exists(snapshot))) {
      const kept = join(projectDir, '.git', 'factory', 'snapshots', `before-generation-${number}`);
      if (await copyDatabase(projectDir, kept)) databaseKeptAt = join(kept, APP_DATA_DIR);
      await rm(join(projectDir, APP_DATA_DIR), { recursive: true, force: true });
      await cp(snapshot, join(projectDir, APP_DATA_DIR), { recursive: true, preserveTimestamps: true });
      databaseRestored = true;
    }
    const generation: Generation = {
      ...target,
      generation: number,
      kind: 'rollback',
      userCommit,
      migrations: [],
      createdAt: now.toISOString(),
    };
    await recordGeneration(git, generation);
    return { generation, databaseRestored, databaseKeptAt };
  });
}
