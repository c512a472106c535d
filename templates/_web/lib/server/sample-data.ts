import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { EntityDef } from '../entity-types';
import { validateInput } from '../validation';
import { createUser, createWorkspace } from './auth/accounts';
import type { AppDatabase } from './database';
import { workspaceRecords } from './records';

/**
 * `db/sample-data.json`: records per entity name, entities in an order where referenced ones come
 * first; a reference holds the 1-based position of a sample record of the referenced entity.
 */
export type SampleData = Record<string, Record<string, unknown>[]>;

export const DEMO_EMAIL = 'demo@example.com';

export async function readSampleData(path: string): Promise<SampleData> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SampleData;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** What a seed wrote: the records, and the demo login that owns them (its password exists nowhere else). */
export interface SeedResult {
  written: number;
  demo?: { email: string; password: string };
}

/**
 * Seeds the sample data once, on the first start of an empty database, into a workspace of its own
 * owned by a demo account with a freshly generated password, through the same validation as the API.
 */
export async function seedSampleData(db: AppDatabase, entities: EntityDef[], samples: SampleData): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const marker = await tx.query("SELECT 1 FROM app_meta WHERE key = 'sample-data'");
    if (marker.rows.length > 0) return { written: 0 };
    for (const entity of entities) {
      const { rows } = await tx.query(`SELECT 1 FROM "${entity.table}" LIMIT 1`);
      if (rows.length > 0) return { written: 0 };
    }
    const byName = new Map(entities.map((e) => [e.name, e]));
    const wanted = Object.entries(samples).filter(([name, list]) => byName.has(name) && list.length > 0);
    if (wanted.length === 0) return { written: 0 };
    const taken = await tx.query('SELECT 1 FROM app_users WHERE email = $1', [DEMO_EMAIL]);
    if (taken.rows.length > 0) return { written: 0 };
    const password = randomBytes(12).toString('base64url');
    const userId = await createUser(tx, DEMO_EMAIL, password);
    const records = workspaceRecords(tx, await createWorkspace(tx, 'Demo workspace', userId), entities);
    const ids = new Map<string, number[]>();
    let written = 0;
    for (const [name, list] of wanted) {
      const entity = byName.get(name) as EntityDef;
      const created: number[] = [];
      for (const record of list) {
        const input = { ...record };
        for (const field of entity.fields) {
          if (field.type !== 'reference' || typeof input[field.name] !== 'number') continue;
          input[field.name] = ids.get(field.references ?? '')?.[(input[field.name] as number) - 1] ?? null;
        }
        const checked = validateInput(entity, input, false);
        if (!checked.ok) throw new Error(`db/sample-data.json: a ${entity.label} is invalid: ${JSON.stringify(checked.errors)}`);
        created.push((await records.create(entity, checked.values)).id);
        written++;
      }
      ids.set(name, created);
    }
    await tx.query("INSERT INTO app_meta (key, value) VALUES ('sample-data', $1)", [String(written)]);
    return { written, demo: { email: DEMO_EMAIL, password } };
  });
}
