import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MvpSpec } from '@startup-factory/contracts';
import type { RenderedFile } from '../render/engine';
import { writeRenderedTree } from '../render/write-rendered-tree';
import type { GitRepository } from './git-repository';

/** Where a project keeps the spec its generation was rendered from (in both the pristine and the founder's tree). */
export const SPEC_FILE = '.factory/spec.json';
const MIGRATIONS_DIR = 'db/migrations';

/** Renders the template for a spec: the files the factory would write for it. */
export type RenderSpec = (spec: MvpSpec) => Promise<RenderedFile[]>;

export const specText = (spec: MvpSpec) => `${JSON.stringify(spec, null, 2)}\n`;
export const specSha256 = (spec: MvpSpec) => createHash('sha256').update(specText(spec)).digest('hex');

/** The migration number after the highest one in `names` (`003_x.sql` -> 4). */
export function nextMigrationNumber(names: string[]): number {
  const numbers = names.map((name) => Number.parseInt(/(\d+)_[^/]*\.sql$/.exec(name)?.[1] ?? '0', 10));
  return Math.max(0, ...numbers) + 1;
}

export interface PristineRender {
  commit: string;
  /** The migration file this render added, when the spec diff changes the schema. */
  migration: { file: string; sql: string } | null;
}

/**
 * Renders `spec` into `dir` and commits it as the next pristine generation (parent: `previous`).
 * The database history is carried, not re-rendered: db/migrations keeps the previous generation's
 * files exactly (their SQL is applied already) plus `migrationSql` as the next numbered file.
 */
export async function commitPristineRender(
  git: GitRepository,
  options: {
    dir: string;
    indexFile: string;
    render: RenderSpec;
    spec: MvpSpec;
    previous: string | null;
    migrationSql: string | null;
    generation: number;
    message: string;
  },
): Promise<PristineRender> {
  const { dir, spec, previous } = options;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeRenderedTree(dir, await options.render(spec));
  await mkdir(join(dir, '.factory'), { recursive: true });
  await writeFile(join(dir, SPEC_FILE), specText(spec));
  let migration: PristineRender['migration'] = null;
  const migrationsDir = join(dir, ...MIGRATIONS_DIR.split('/'));
  const rendersMigrations = (await readdir(migrationsDir).catch(() => null)) !== null;
  if (previous && rendersMigrations) {
    for (const name of await readdir(migrationsDir)) await rm(join(migrationsDir, name));
    const carried = await git.listFiles(previous, MIGRATIONS_DIR);
    for (const path of carried) {
      const content = await git.show(previous, path);
      if (content !== null) await writeFile(join(dir, ...path.split('/')), content);
    }
    if (options.migrationSql) {
      const number = String(nextMigrationNumber(carried)).padStart(3, '0');
      const file = `${MIGRATIONS_DIR}/${number}_generation_${options.generation}.sql`;
      await writeFile(join(dir, ...file.split('/')), options.migrationSql);
      migration = { file, sql: options.migrationSql };
    }
  }
  const commit = await git.commitFolder(dir, previous ? [previous] : [], options.message, options.indexFile);
  return { commit, migration };
}
