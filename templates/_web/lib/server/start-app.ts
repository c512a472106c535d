import { join } from 'node:path';
import type { EntityDef } from '../entity-types';
import type { AppContext } from './api-handler';
import { openDatabase } from './database';
import { applyMigrations } from './migrations';
import { readSampleData, seedSampleData } from './sample-data';
import { readSettings } from './settings';

export interface StartOptions {
  entities: EntityDef[];
  /** The schema used when APP_DB_SCHEMA is unset. */
  defaultSchema: string;
  env?: NodeJS.ProcessEnv;
}

/** Opens the database the settings name, applies pending migrations, seeds sample data once. */
export async function startApp({ entities, defaultSchema, env = process.env }: StartOptions): Promise<AppContext> {
  const settings = readSettings(env, defaultSchema);
  const db = await openDatabase(settings);
  try {
    const byName = new Map(entities.map((e) => [e.name, e]));
    const lookup = (name: string) => byName.get(name);
    const applied = await applyMigrations(db, join(settings.root, 'db', 'migrations'));
    if (applied.length > 0) console.log(`database: applied ${applied.join(', ')}`);
    if (settings.sampleData) {
      const samples = await readSampleData(join(settings.root, 'db', 'sample-data.json'));
      const seeded = await seedSampleData(db, entities, lookup, samples);
      if (seeded > 0) console.log(`database: added ${seeded} sample records (APP_SAMPLE_DATA=off skips them)`);
    }
    return { db, entities, lookup };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
