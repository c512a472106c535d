// Applies db/migrations/*.sql in name order against DATABASE_URL.
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to run migrations.');
  process.exit(1);
}
const dir = new URL('../db/migrations/', import.meta.url);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort()) {
    await client.query(await readFile(new URL(name, dir), 'utf8'));
    console.log(`applied ${name}`);
  }
} finally {
  await client.end();
}
