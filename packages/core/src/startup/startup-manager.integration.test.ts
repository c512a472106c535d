import { startupManagerContract } from '@startup-factory/contracts/testing';
import { describe } from 'vitest';
import { managerSetup, postgresForFile } from '../../test/harness';
import { hasServer } from '../../test/server-env';

describe.skipIf(!hasServer('DATABASE_URL'))('StartupManager on PostgreSQL', () => {
  const db = postgresForFile();

  startupManagerContract('StartupManager on PostgreSQL', managerSetup(db));
});
