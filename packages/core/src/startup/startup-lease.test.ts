import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { postgresForFile, sharedPGlite } from '../../test/harness';
import { leaseCases } from '../../test/lease-cases';
import { hasServer } from '../../test/server-env';

describe('startup lease on PGlite', { timeout: scaled(120_000) }, () => {
  const db = sharedPGlite();
  beforeAll(() => db.ready());
  afterAll(() => db.close());
  afterEach(() => db.reset());
  leaseCases(db);
});

describe.skipIf(!hasServer('DATABASE_URL'))(
  'startup lease on PostgreSQL',
  { timeout: scaled(120_000) },
  () => {
    const db = postgresForFile();
    afterEach(() => db.reset());
    leaseCases(db);
  },
);
