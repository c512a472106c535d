import { randomUUID } from 'node:crypto';
import { PHASES, StartupConfig, StartupInstance } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { createTestDatabase, type TestDatabase } from '../../test/pg-database';
import { roomyStartupManager } from '../../test/pipeline-fixture';
import { hasServer } from '../../test/server-env';
import { MIGRATIONS, runMigrations } from './migrations';
import { PgAdapter } from './pg-adapter';
import { PGliteAdapter } from './pglite-adapter';
import type { SqlAdapter } from './sql-adapter';
import { SqlStateStore } from './sql-state-store';

/** Index each old row stored, and the phase name it must read back as (null: every phase finished). */
const OLD_ROWS: Array<[index: number, phase: string | null]> = [
  [0, 'founder_analysis'],
  [2, 'mvp_spec'],
  [3, 'architecture'],
  [6, 'deploy'],
  [7, null],
];

/** Writes startups as version 1 of the schema stored them (current_phase an index), then migrates. */
async function migratesIndexesToNames(db: SqlAdapter): Promise<void> {
  expect(
    await runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version === 1),
    ),
  ).toEqual([1]);
  const config = StartupConfig.parse({ name: 'Old Co', industry: 'Software', category: 'SaaS' });
  const ids: string[] = [];
  for (const [index] of OLD_ROWS) {
    const id = randomUUID();
    ids.push(id);
    await db.query(
      `INSERT INTO sf_startups (id, slug, name, status, config, current_phase, state, created_at, updated_at)
       VALUES ($1, $2, $3, 'paused', $4, $5, '{}', now(), now())`,
      [
        id,
        `old-co-${index}`,
        `Old Co ${index}`,
        JSON.stringify({ ...config, name: `Old Co ${index}` }),
        index,
      ],
    );
  }
  expect(await runMigrations(db)).toEqual(MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version));
  const manager = roomyStartupManager(new SqlStateStore(db, false), { maxConcurrent: 10 });
  for (const [i, [, phase]] of OLD_ROWS.entries()) {
    const startup = await manager.getStartup(ids[i]!);
    expect(startup.currentPhase).toBe(phase);
    expect(StartupInstance.safeParse(startup).error?.issues ?? []).toEqual([]);
  }
  // A startup created after the migration starts at the first phase, by name.
  const fresh = await manager.createStartup({ name: 'New Co', industry: 'Software', category: 'SaaS' });
  expect((await manager.getStartup(fresh)).currentPhase).toBe(PHASES[0]);
}

describe('migration 2: current_phase from index to phase name', () => {
  it('converts startups stored by the old schema on PGlite', { timeout: scaled(120_000) }, async () => {
    const db = await PGliteAdapter.open('memory://');
    try {
      await migratesIndexesToNames(db);
    } finally {
      await db.close();
    }
  });

  describe.skipIf(!hasServer('DATABASE_URL'))('on PostgreSQL', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('converts startups stored by the old schema', { timeout: scaled(120_000) }, async () => {
      const db = PgAdapter.open(database.url, 2);
      try {
        await migratesIndexesToNames(db);
      } finally {
        await db.close();
      }
    });
  });
});
