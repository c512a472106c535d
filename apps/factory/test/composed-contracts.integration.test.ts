import { afterAll, describe } from 'vitest';
import { postgresStores } from './composed-harness';
import { composedContracts } from './composed-suites';
import { serverMissing } from './require-server';

describe.skipIf(serverMissing('DATABASE_URL'))('composed system on PostgreSQL', () => {
  const stores = postgresStores(process.env.DATABASE_URL ?? '');
  afterAll(() => stores.dropAll());
  composedContracts('PostgreSQL', stores.open);
});
