import { allocatedSchema, entityList } from '../lib/entities';
import { apiSuite } from './api-suite';

// Every run starts a fresh embedded database; APP_TEST_DATABASE_URL runs the same tests on PostgreSQL too.
apiSuite('the embedded database', { entities: entityList, defaultSchema: allocatedSchema, root: process.cwd() });

const postgres = process.env.APP_TEST_DATABASE_URL;
if (postgres) {
  apiSuite('PostgreSQL', {
    entities: entityList,
    defaultSchema: allocatedSchema,
    root: process.cwd(),
    databaseUrl: postgres,
    schema: `app_test_${process.pid}`,
  });
}
