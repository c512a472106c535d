import { startupManagerContract } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { managerSetup, sharedPostgres } from '../../test/harness';
import { createTestDatabase, type TestDatabase } from '../../test/pg-database';
import { hasServer } from '../../test/server-env';

describe.skipIf(!hasServer('DATABASE_URL'))('StartupManager on PostgreSQL', () => {
  let database: TestDatabase;
  const db = sharedPostgres(() => database.url);
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  startupManagerContract('StartupManager on PostgreSQL', managerSetup(db));
});
