import { allocatedSchema, entityList } from '../lib/entities';
import { apiSuite } from './api-suite';
import { authSuite } from './auth-suite';
import { tenancySuite } from './tenancy-suite';
import type { TestAppOptions } from './test-app';

// Every run starts a fresh embedded database; APP_TEST_DATABASE_URL runs the same tests on PostgreSQL too.
const suites = (name: string, options: TestAppOptions) => {
  apiSuite(name, options);
  authSuite(name, { ...options, schema: options.schema && `${options.schema}_auth` });
  tenancySuite(name, { ...options, schema: options.schema && `${options.schema}_tenancy` });
};

suites('the embedded database', { entities: entityList, defaultSchema: allocatedSchema, root: process.cwd() });

const postgres = process.env.APP_TEST_DATABASE_URL;
if (postgres) {
  suites('PostgreSQL', {
    entities: entityList,
    defaultSchema: allocatedSchema,
    root: process.cwd(),
    databaseUrl: postgres,
    schema: `app_test_${process.pid}`,
  });
}
