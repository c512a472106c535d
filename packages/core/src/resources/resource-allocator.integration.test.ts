import { resourceAllocatorContract } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { allocatorSetup, postgresForFile } from '../../test/harness';
import { hasServer } from '../../test/server-env';
import { ResourceAllocator } from './resource-allocator';

describe.skipIf(!hasServer('DATABASE_URL'))('ResourceAllocator on PostgreSQL', () => {
  const db = postgresForFile();

  resourceAllocatorContract('ResourceAllocator on PostgreSQL', allocatorSetup(db));

  it('creates a real PostgreSQL schema per startup and drops it on deallocate', async () => {
    const store = await db.open();
    const allocator = new ResourceAllocator({ store, portRange: { start: 45_000, end: 45_099 } });
    const a = await allocator.allocate('5e0b9a1c-1111-4222-8333-444455556666', { portCount: 1 });
    await store.query(`CREATE TABLE "${a.databaseNamespace}".users (id serial primary key)`);
    const count = async () =>
      (
        await store.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
          a.databaseNamespace,
        ])
      ).rows.length;
    expect(await count()).toBe(1);
    await allocator.deallocate(a.startupId);
    expect(await count()).toBe(0);
    await db.reset();
  });
});
