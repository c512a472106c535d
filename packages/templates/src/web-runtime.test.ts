import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { afterAll, beforeAll } from 'vitest';
import type { EntityDef } from '../../../templates/_web/lib/entity-types';
import { apiSuite } from '../../../templates/_web/test/api-suite';
import { SHIPPED_TEMPLATES } from '../test/fixtures';
import { hasServer } from '../test/server-env';
import { entityDefinitions } from './generators/entity-definitions';
import { sampleData } from './generators/sample-data';
import { sqlMigration } from './generators/sql-migration';

/**
 * The shared web runtime exactly as a generated project runs it (the same suite is the project's own
 * `npm test`), on the sample spec's migration, against PGlite and, when DATABASE_URL is set, PostgreSQL.
 */
const spec = MvpSpec.parse(
  JSON.parse(readFileSync(join(SHIPPED_TEMPLATES, 'reactnext', 'sample-spec.json'), 'utf8')),
);
const slots = {
  headline: 'h',
  tagline: 't',
  heroCopy: 'c',
  features: [],
  callToAction: 'go',
  entityDescriptions: {},
  draftedOffline: false,
};
const entities = Object.values(entityDefinitions(spec, slots)) as EntityDef[];
const root = await mkdtemp(join(tmpdir(), 'sf-web-runtime-'));

beforeAll(async () => {
  await mkdir(join(root, 'db', 'migrations'), { recursive: true });
  await writeFile(join(root, 'db', 'migrations', '001_init.sql'), sqlMigration(spec));
  await writeFile(join(root, 'db', 'sample-data.json'), JSON.stringify(sampleData(spec)));
});
afterAll(() => rm(root, { recursive: true, force: true }));

apiSuite('PGlite', { entities, defaultSchema: 'startup_sample', root });
if (hasServer('DATABASE_URL')) {
  apiSuite('PostgreSQL', {
    entities,
    defaultSchema: 'startup_sample',
    root,
    databaseUrl: process.env.DATABASE_URL,
    schema: `app_runtime_${process.pid}`,
  });
}
