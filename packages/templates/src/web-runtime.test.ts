import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDef } from '../../../templates/_web/lib/entity-types';
import { listRecords } from '../../../templates/_web/lib/server/records';
import { startApp } from '../../../templates/_web/lib/server/start-app';
import { apiSuite } from '../../../templates/_web/test/api-suite';
import { SHIPPED_TEMPLATES } from '../test/fixtures';
import { hasServer } from '../test/server-env';
import { entityDefinitions } from './generators/entity-definitions';
import { SAMPLES_PER_ENTITY, sampleData } from './generators/sample-data';
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
// Skipped (and counted as skipped) without a server, rather than left out of the report.
describe.skipIf(!hasServer('DATABASE_URL'))('with a PostgreSQL server', () => {
  apiSuite('PostgreSQL', {
    entities,
    defaultSchema: 'startup_sample',
    root,
    databaseUrl: process.env.DATABASE_URL,
    schema: `app_runtime_${process.pid}`,
  });
});

describe('sample data', () => {
  const startOn = (dataDir: string, sample: 'on' | 'off') =>
    startApp({
      entities,
      defaultSchema: 'startup_sample',
      env: { APP_ROOT: root, APP_DATA_DIR: dataDir, APP_SAMPLE_DATA: sample },
    });
  const counts = async (context: Awaited<ReturnType<typeof startApp>>) =>
    Promise.all(entities.map(async (e) => (await listRecords(context.db, e, context.lookup, {})).total));

  it('seeds every entity once on first start, references included, and never again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sf-seed-'));
    try {
      const first = await startOn(dataDir, 'on');
      expect(await counts(first)).toEqual(entities.map(() => SAMPLES_PER_ENTITY));
      const invoices = await listRecords(first.db, entities[2] as EntityDef, first.lookup, { limit: 100 });
      expect(invoices.items.every((r) => typeof r.project === 'number' && r._labels.project)).toBe(true);
      // A founder who empties a table does not get the samples back on the next start.
      await first.db.query('DELETE FROM invoices');
      await first.db.close();
      const second = await startOn(dataDir, 'on');
      expect(await counts(second)).toEqual([SAMPLES_PER_ENTITY, SAMPLES_PER_ENTITY, 0]);
      await second.db.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is left out with APP_SAMPLE_DATA=off', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sf-seed-'));
    try {
      const context = await startOn(dataDir, 'off');
      expect(await counts(context)).toEqual(entities.map(() => 0));
      await context.db.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
