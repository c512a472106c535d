import { cp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError, type Generation, NotFoundError } from '@startup-factory/contracts';
import { listGenerations, MAIN_BRANCH, PRISTINE_BRANCH, recordGeneration } from './generation-log';
import { GitRepository } from './git-repository';
import { hasRepository } from './initialize-repository';
import { APP_DATA_DIR, copyDatabase, SERVER_SCHEMA_FILE, snapshotDir } from './project-database';
import { withProjectLock } from './project-lock';
import type { ServerDatabase } from './server-database-copy';
import { dumpServerSchema, restoreServerSchema } from './server-database-snapshot';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export interface RollbackResult {
  generation: Generation;
  /** Whether the app's database was returned to the snapshot taken when `to` was left. */
  databaseRestored: boolean;
  /** Where the database as it was before the rollback is kept (nothing is lost). */
  databaseKeptAt: string | null;
}

export interface RollbackOptions {
  /** The app's database when it is on a PostgreSQL server (unset: PGlite in `.data/`). */
  database?: ServerDatabase | undefined;
  now?: Date;
}

/**
 * Returns a project's code and database to generation `to`: the founder's files of that generation
 * as a new commit on main (the later ones stay in history), the pristine branch back to its render,
 * and the database back to the snapshot taken when the next generation replaced it (the embedded
 * database's folder, or the server schema's pg_dump, restored in one transaction). A server schema
 * a later generation migrated without such a snapshot is refused (CONFLICT) before anything changes.
 * Stop the app first: its database is replaced.
 */
export async function rollbackProject(
  projectDir: string,
  to: number,
  { database, now = new Date() }: RollbackOptions = {},
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
    const snapshot = snapshotDir(projectDir, `generation-${to}`);
    const kept = snapshotDir(projectDir, `before-generation-${number}`);
    const serverSnapshot =
      database && to !== last.generation
        ? await serverSnapshotFor(projectDir, git, history, target, database)
        : null;
    let databaseKeptAt: string | null = null;
    let databaseRestored = false;
    if (database && serverSnapshot) {
      // The schema as it is now first, then the swap: one transaction, so a failure changes nothing.
      databaseKeptAt = join(kept, SERVER_SCHEMA_FILE);
      await dumpServerSchema(database, databaseKeptAt);
      await restoreServerSchema(database, serverSnapshot);
      databaseRestored = true;
    }

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

    const embedded = join(snapshot, APP_DATA_DIR);
    if (!database && to !== last.generation && (await exists(embedded))) {
      if (await copyDatabase(projectDir, kept)) databaseKeptAt = join(kept, APP_DATA_DIR);
      await rm(join(projectDir, APP_DATA_DIR), { recursive: true, force: true });
      await cp(embedded, join(projectDir, APP_DATA_DIR), { recursive: true, preserveTimestamps: true });
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

/**
 * The pg_dump of generation `to`'s server schema kept when it was replaced, or null when the live
 * schema holds no migration `to` lacks (its app migrates forward on start). Refuses (CONFLICT) when
 * it holds one and no dump was kept (`to` was replaced before dumps were kept): rolling back would
 * leave that migration's tables and columns behind.
 */
async function serverSnapshotFor(
  projectDir: string,
  git: GitRepository,
  history: Generation[],
  target: Generation,
  database: ServerDatabase,
): Promise<string | null> {
  const dumpOf = (g: Generation) =>
    join(snapshotDir(projectDir, `generation-${g.generation}`), SERVER_SCHEMA_FILE);
  if (await exists(dumpOf(target))) return dumpOf(target);
  const ahead: string[] = [];
  for (const file of history.filter((g) => g.generation > target.generation).flatMap((g) => g.migrations))
    if ((await git.show(target.pristineCommit, file)) === null) ahead.push(file);
  if (ahead.length === 0) return null;
  const kept: number[] = [];
  for (const g of history) if (await exists(dumpOf(g))) kept.push(g.generation);
  throw new ConflictError({
    message:
      `Generation ${target.generation}'s database on PostgreSQL (schema ${database.schema}) was not kept when it was replaced, ` +
      `and the schema has migrations since (${ahead.join(', ')}), so rolling back would leave their tables and columns behind; nothing was changed. ` +
      `Roll back to a generation whose database was kept (${kept.join(', ') || 'none was'}), or evolve forward to the spec you want instead.`,
  });
}
