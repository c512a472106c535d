import { readFile } from 'node:fs/promises';
import type { EntityDef } from '../entity-types';
import { validateInput } from '../validation';
import type { AppDatabase } from './database';
import { createRecord, type EntityLookup } from './records';

/**
 * `db/sample-data.json`: records per entity name, entities in an order where referenced ones come
 * first; a reference holds the 1-based position of a sample record of the referenced entity.
 */
export type SampleData = Record<string, Record<string, unknown>[]>;

export async function readSampleData(path: string): Promise<SampleData> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SampleData;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/**
 * Seeds the sample data once, on the first start of an empty database, through the same validation
 * as the API. Returns how many records it wrote (0 when already seeded or any table has rows).
 */
export async function seedSampleData(
  db: AppDatabase,
  entities: EntityDef[],
  lookup: EntityLookup,
  samples: SampleData,
): Promise<number> {
  return db.transaction(async (tx) => {
    const marker = await tx.query("SELECT 1 FROM app_meta WHERE key = 'sample-data'");
    if (marker.rows.length > 0) return 0;
    for (const entity of entities) {
      const { rows } = await tx.query(`SELECT 1 FROM "${entity.table}" LIMIT 1`);
      if (rows.length > 0) return 0;
    }
    const ids = new Map<string, number[]>();
    let written = 0;
    for (const [name, records] of Object.entries(samples)) {
      const entity = lookup(name);
      if (!entity) continue;
      const created: number[] = [];
      for (const record of records) {
        const input = { ...record };
        for (const field of entity.fields) {
          if (field.type !== 'reference' || typeof input[field.name] !== 'number') continue;
          input[field.name] = ids.get(field.references ?? '')?.[(input[field.name] as number) - 1] ?? null;
        }
        const checked = validateInput(entity, input, false);
        if (!checked.ok) throw new Error(`db/sample-data.json: a ${entity.label} is invalid: ${JSON.stringify(checked.errors)}`);
        created.push((await createRecord(tx, entity, lookup, checked.values)).id);
        written++;
      }
      ids.set(name, created);
    }
    await tx.query("INSERT INTO app_meta (key, value) VALUES ('sample-data', $1)", [String(written)]);
    return written;
  });
}
