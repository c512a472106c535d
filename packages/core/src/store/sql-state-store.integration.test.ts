import { stateStoreContract } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { postgresForFile, stateStoreSetup } from '../../test/harness';
import { createTestDatabase } from '../../test/pg-database';
import { hasServer } from '../../test/server-env';
import { createStateStore } from './create-state-store';
import { MIGRATIONS } from './migrations';

describe.skipIf(!hasServer('DATABASE_URL'))('SqlStateStore on PostgreSQL', () => {
  const db = postgresForFile();

  stateStoreContract('SqlStateStore on PostgreSQL', stateStoreSetup(db));

  it('lets four processes-worth of stores migrate one fresh database at once', async () => {
    const fresh = await createTestDatabase();
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => createStateStore({ url: fresh.url, poolSize: 2 })),
      );
      const { rows } = await stores[0]!.query<{ version: number }>(
        'SELECT version FROM sf_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await fresh.drop();
    }
  });

  it('reports a wrong password without echoing it', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.username = 'no_such_user_sf';
    url.password = 'hunter2-secret';
    const error = await createStateStore({ url: url.toString() }).catch((e) => e);
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(`${error.message} ${error.stack}`).not.toContain('hunter2-secret');
  });
});
