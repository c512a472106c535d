import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateStoreContract } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPGlite, stateStoreSetup } from '../../test/harness';
import { createStateStore } from './create-state-store';
import { MIGRATIONS, runMigrations } from './migrations';

const db = sharedPGlite();
beforeAll(() => db.ready());
afterAll(() => db.close());

stateStoreContract('SqlStateStore on PGlite (memory)', stateStoreSetup(db));

describe('createStateStore on PGlite', () => {
  // Two PGlite starts (each initialises a WASM Postgres) take tens of seconds on a busy machine.
  it('keeps data in a data directory across a close and reopen, and migrates only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-store-'));
    try {
      const first = await createStateStore({ dataDir: join(dir, 'db') });
      await first.putDocument('context', 'k', { kept: true });
      await first.close();
      const second = await createStateStore({ dataDir: join(dir, 'db') });
      expect(await second.getDocument('context', 'k')).toEqual({ kept: true });
      expect(await runMigrations(second.db)).toEqual([]);
      const { rows } = await second.query<{ version: number }>(
        'SELECT version FROM sf_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('applies a new migration on the next open without touching applied ones', async () => {
    const store = await db.open();
    const next = {
      version: 999,
      name: 'test column',
      sql: ['ALTER TABLE sf_documents ADD COLUMN note text'],
    };
    expect(await runMigrations(store.db, [...MIGRATIONS, next])).toEqual([999]);
    expect(await runMigrations(store.db, [...MIGRATIONS, next])).toEqual([]);
    await store.close();
  });

  it('says the data directory is not writable, with what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-ro-'));
    // A path below a regular file cannot be created, even by root.
    writeFileSync(join(dir, 'file'), '');
    try {
      const error = await createStateStore({ dataDir: join(dir, 'file', 'db') }).catch((e) => e);
      expect(error.code).toBe('STORE_UNAVAILABLE');
      expect(error.message).toMatch(/not writable.*dataDir/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('createStateStore on PostgreSQL', () => {
  it('reports an unreachable server as STORE_UNAVAILABLE without the password', async () => {
    const error = await createStateStore({ url: 'postgres://admin:s3cr3t-pw@127.0.0.1:1/factory' }).catch(
      (e) => e,
    );
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).toContain('DATABASE_URL');
    expect(JSON.stringify({ m: error.message, s: error.stack, c: String(error.cause) })).not.toContain(
      's3cr3t-pw',
    );
  });
});
