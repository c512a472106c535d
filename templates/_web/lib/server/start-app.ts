import { join } from 'node:path';
import type { EntityDef } from '../entity-types';
import type { AppContext } from './api-handler';
import { createMailer } from './auth/mailer';
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
      const seeded = await seedSampleData(db, entities, samples);
      if (seeded.demo) {
        // Printed this once only: the password is stored nowhere but as a hash.
        console.log(
          `database: added ${seeded.written} sample records to a demo workspace (APP_SAMPLE_DATA=off skips them)\n` +
            `demo login: ${seeded.demo.email} / ${seeded.demo.password}  (shown once; sign up at /sign-up for a workspace of your own)`,
        );
      }
    }
    const mailer = createMailer(settings.smtpUrl, settings.mailFrom);
    return { db, entities, lookup, mailer, appUrl: settings.appUrl };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
