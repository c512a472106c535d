// npm run migrate: applies db/migrations to the app's database (APP_DATABASE_URL, or PGlite in APP_DATA_DIR).
import { join } from 'node:path';
import { allocatedSchema } from '../lib/entities';
import { openDatabase } from '../lib/server/database';
import { applyMigrations } from '../lib/server/migrations';
import { readSettings, redactUrl } from '../lib/server/settings';

const settings = readSettings(process.env, allocatedSchema);
const where = settings.databaseUrl ? redactUrl(settings.databaseUrl) : `PGlite in ${settings.dataDir}`;
const db = await openDatabase(settings);
try {
  const applied = await applyMigrations(db, join(settings.root, 'db', 'migrations'));
  console.log(
    applied.length > 0
      ? `applied ${applied.join(', ')} to schema ${settings.schema} (${where})`
      : `schema ${settings.schema} (${where}) is up to date`,
  );
} finally {
  await db.close();
}
