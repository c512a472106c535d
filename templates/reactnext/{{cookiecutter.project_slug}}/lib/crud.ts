import { getPool } from './db';
import type { EntityDef } from './entity-types';

export type Row = Record<string, unknown>;

/** Identifiers come from the generated entity list, and are quoted anyway. */
const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function columns(entity: EntityDef): string {
  return [
    '"id"',
    ...entity.fields.map((f) => `${q(f.column)} AS ${q(f.name)}`),
    '"created_at" AS "createdAt"',
    '"updated_at" AS "updatedAt"',
  ].join(', ');
}

export async function listRows(entity: EntityDef, limit = 100): Promise<Row[]> {
  const sql = `SELECT ${columns(entity)} FROM ${q(entity.table)} ORDER BY "id" DESC LIMIT $1`;
  return (await getPool().query(sql, [limit])).rows;
}

export async function getRow(entity: EntityDef, id: number): Promise<Row | null> {
  const sql = `SELECT ${columns(entity)} FROM ${q(entity.table)} WHERE "id" = $1`;
  return (await getPool().query(sql, [id])).rows[0] ?? null;
}

export async function insertRow(entity: EntityDef, values: Row): Promise<Row> {
  const fields = entity.fields.filter((f) => Object.hasOwn(values, f.name));
  const sql =
    fields.length === 0
      ? `INSERT INTO ${q(entity.table)} DEFAULT VALUES RETURNING ${columns(entity)}`
      : `INSERT INTO ${q(entity.table)} (${fields.map((f) => q(f.column)).join(', ')}) VALUES (${fields
          .map((_, i) => `$${i + 1}`)
          .join(', ')}) RETURNING ${columns(entity)}`;
  return (await getPool().query(sql, fields.map((f) => values[f.name]))).rows[0];
}

export async function updateRow(entity: EntityDef, id: number, values: Row): Promise<Row | null> {
  const fields = entity.fields.filter((f) => Object.hasOwn(values, f.name));
  if (fields.length === 0) return getRow(entity, id);
  const sets = fields.map((f, i) => `${q(f.column)} = $${i + 1}`).join(', ');
  const sql = `UPDATE ${q(entity.table)} SET ${sets}, "updated_at" = now() WHERE "id" = $${fields.length + 1} RETURNING ${columns(entity)}`;
  return (await getPool().query(sql, [...fields.map((f) => values[f.name]), id])).rows[0] ?? null;
}

export async function deleteRow(entity: EntityDef, id: number): Promise<boolean> {
  const result = await getPool().query(`DELETE FROM ${q(entity.table)} WHERE "id" = $1`, [id]);
  return (result.rowCount ?? 0) > 0;
}
