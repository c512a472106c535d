import type { DashboardEntry, EntityDef, FieldDef, Page, RelatedList, Row } from '../entity-types';
import { type Queryable, quoteIdent as q } from './database';

/** A request the caller can fix: answered 400 with a message per field. */
export class InvalidRecordError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('invalid input');
  }
}

/** A delete refused because other records still point at this one: answered 409. */
export class RecordInUseError extends Error {}

export interface ListQuery {
  page?: number;
  limit?: number;
  sort?: string;
  dir?: 'asc' | 'desc';
  q?: string;
  /** Only rows whose reference field (by name) points at this id. */
  where?: Record<string, number>;
}

export const MAX_PAGE_SIZE = 100;
const SEARCHABLE = new Set(['string', 'text', 'email', 'url', 'enum']);
const SYSTEM_SORTS: Record<string, string> = { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at' };

/** A field's value as selected: calendar dates as text, so no driver turns them into a shifted instant. */
function selectExpr(field: FieldDef, alias: string): string {
  const column = `${alias}.${q(field.column)}`;
  return field.type === 'date' ? `to_char(${column}, 'YYYY-MM-DD')` : column;
}

function titleField(entity: EntityDef): FieldDef | undefined {
  return entity.fields.find((f) => f.name === entity.titleField);
}

/** SQL for a record's title, as text. */
function titleExpr(entity: EntityDef, alias: string): string {
  const field = titleField(entity);
  return field ? `${selectExpr(field, alias)}::text` : `${alias}."id"::text`;
}

/** Resolves referenced entities by name; a spec the generator accepted always has them. */
export type EntityLookup = (name: string) => EntityDef | undefined;

function columns(entity: EntityDef, lookup: EntityLookup): string {
  const parts = ['t."id"'];
  for (const field of entity.fields) parts.push(`${selectExpr(field, 't')} AS ${q(field.name)}`);
  parts.push('t."created_at" AS "createdAt"', 't."updated_at" AS "updatedAt"', `${titleExpr(entity, 't')} AS "__title"`);
  for (const field of entity.fields) {
    const target = field.type === 'reference' && field.references ? lookup(field.references) : undefined;
    if (!target) continue;
    parts.push(
      `(SELECT ${titleExpr(target, 'r')} FROM ${q(target.table)} r WHERE r."id" = t.${q(field.column)}) AS ${q(`__label_${field.name}`)}`,
    );
  }
  return parts.join(', ');
}

function toRow(entity: EntityDef, raw: Record<string, unknown>): Row {
  const labels: Record<string, string> = {};
  const row: Record<string, unknown> = { id: Number(raw.id) };
  for (const field of entity.fields) {
    const value = raw[field.name];
    row[field.name] = value instanceof Date ? value.toISOString() : (value ?? null);
    const label = raw[`__label_${field.name}`];
    if (typeof label === 'string') labels[field.name] = label;
  }
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  row.createdAt = iso(raw.createdAt);
  row.updatedAt = iso(raw.updatedAt);
  const title = typeof raw.__title === 'string' && raw.__title.trim() !== '' ? raw.__title : null;
  row._title = title ?? `${entity.label} #${row.id}`;
  row._labels = labels;
  return row as Row;
}

/** `%`, `_` and `\` match themselves in a search. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereClause(entity: EntityDef, query: ListQuery, params: unknown[]): string {
  const conditions: string[] = [];
  const text = query.q?.trim();
  const searchable = entity.fields.filter((f) => SEARCHABLE.has(f.type));
  if (text && searchable.length > 0) {
    params.push(likePattern(text.slice(0, 200)));
    const n = params.length;
    conditions.push(`(${searchable.map((f) => `t.${q(f.column)}::text ILIKE $${n}`).join(' OR ')})`);
  }
  for (const [name, id] of Object.entries(query.where ?? {})) {
    const field = entity.fields.find((f) => f.name === name && f.type === 'reference');
    if (!field) continue;
    params.push(id);
    conditions.push(`t.${q(field.column)} = $${params.length}`);
  }
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

function orderClause(entity: EntityDef, query: ListQuery): string {
  const dir = query.dir === 'asc' ? 'ASC' : 'DESC';
  const field = entity.fields.find((f) => f.name === query.sort);
  const column = field ? field.column : (SYSTEM_SORTS[query.sort ?? ''] ?? 'id');
  return `ORDER BY t.${q(column)} ${dir} NULLS LAST, t."id" ${dir}`;
}

/** One page of rows with the total that matches, sorted and searched as asked. */
export async function listRecords(
  db: Queryable,
  entity: EntityDef,
  lookup: EntityLookup,
  query: ListQuery = {},
): Promise<Page<Row>> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), MAX_PAGE_SIZE);
  const page = Math.max(Math.trunc(query.page ?? 1), 1);
  const params: unknown[] = [];
  const where = whereClause(entity, query, params);
  const table = `${q(entity.table)} t`;
  const [{ rows: counted }, { rows }] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} ${where}`, params),
    db.query(
      `SELECT ${columns(entity, lookup)} FROM ${table} ${where} ${orderClause(entity, query)} LIMIT ${limit} OFFSET ${(page - 1) * limit}`,
      params,
    ),
  ]);
  const total = counted[0]?.n ?? 0;
  return { items: rows.map((r) => toRow(entity, r)), total, page, limit, pages: Math.max(Math.ceil(total / limit), 1) };
}

export async function getRecord(db: Queryable, entity: EntityDef, lookup: EntityLookup, id: number): Promise<Row | null> {
  const { rows } = await db.query(`SELECT ${columns(entity, lookup)} FROM ${q(entity.table)} t WHERE t."id" = $1`, [id]);
  return rows[0] ? toRow(entity, rows[0]) : null;
}

/** Every reference in `values` must name an existing record; says which field does not. */
async function checkReferences(db: Queryable, entity: EntityDef, lookup: EntityLookup, values: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  for (const field of entity.fields) {
    const id = values[field.name];
    if (field.type !== 'reference' || typeof id !== 'number') continue;
    const target = field.references ? lookup(field.references) : undefined;
    if (!target) continue;
    const { rows } = await db.query(`SELECT 1 FROM ${q(target.table)} WHERE "id" = $1`, [id]);
    if (rows.length === 0) errors[field.name] = `no ${target.label.toLowerCase()} #${id}; choose one from the list`;
  }
  if (Object.keys(errors).length > 0) throw new InvalidRecordError(errors);
}

/** Constraint violations the database reports in terms of a field the caller can fix. */
function asInvalid(entity: EntityDef, error: unknown): unknown {
  const { code, column } = (error ?? {}) as { code?: string; column?: string };
  if (code === '23502' || code === '23514' || code === '22001' || code === '23503') {
    const field = entity.fields.find((f) => f.column === column);
    return new InvalidRecordError({ [field?.name ?? '_']: 'is not an accepted value' });
  }
  return error;
}

export async function createRecord(
  db: Queryable,
  entity: EntityDef,
  lookup: EntityLookup,
  values: Record<string, unknown>,
): Promise<Row> {
  await checkReferences(db, entity, lookup, values);
  const fields = entity.fields.filter((f) => Object.hasOwn(values, f.name));
  const sql =
    fields.length === 0
      ? `INSERT INTO ${q(entity.table)} DEFAULT VALUES RETURNING "id"`
      : `INSERT INTO ${q(entity.table)} (${fields.map((f) => q(f.column)).join(', ')}) VALUES (${fields
          .map((_, i) => `$${i + 1}`)
          .join(', ')}) RETURNING "id"`;
  try {
    const { rows } = await db.query<{ id: number }>(sql, fields.map((f) => values[f.name]));
    return (await getRecord(db, entity, lookup, Number(rows[0]?.id))) as Row;
  } catch (error) {
    throw asInvalid(entity, error);
  }
}

export async function updateRecord(
  db: Queryable,
  entity: EntityDef,
  lookup: EntityLookup,
  id: number,
  values: Record<string, unknown>,
): Promise<Row | null> {
  await checkReferences(db, entity, lookup, values);
  const fields = entity.fields.filter((f) => Object.hasOwn(values, f.name));
  const sets = [...fields.map((f, i) => `${q(f.column)} = $${i + 1}`), '"updated_at" = now()'].join(', ');
  try {
    const { rowCount } = await db.query(`UPDATE ${q(entity.table)} SET ${sets} WHERE "id" = $${fields.length + 1}`, [
      ...fields.map((f) => values[f.name]),
      id,
    ]);
    return rowCount > 0 ? getRecord(db, entity, lookup, id) : null;
  } catch (error) {
    throw asInvalid(entity, error);
  }
}

/** The reference fields of other entities (or this one) that point at `entity`. */
export function referencesTo(entity: EntityDef, all: EntityDef[]): { source: EntityDef; field: FieldDef }[] {
  return all.flatMap((source) =>
    source.fields.filter((f) => f.type === 'reference' && f.references === entity.name).map((field) => ({ source, field })),
  );
}

/** Deletes a record; false when it did not exist. Refused while a `restrict` reference points at it. */
export async function deleteRecord(db: Queryable, entity: EntityDef, all: EntityDef[], id: number): Promise<boolean> {
  for (const { source, field } of referencesTo(entity, all)) {
    if (field.onDelete !== 'restrict') continue;
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${q(source.table)} WHERE ${q(field.column)} = $1`,
      [id],
    );
    const n = rows[0]?.n ?? 0;
    if (n > 0) {
      const what = n === 1 ? source.label.toLowerCase() : source.pluralLabel.toLowerCase();
      throw new RecordInUseError(
        `This ${entity.label.toLowerCase()} is still the ${field.label.toLowerCase()} of ${n} ${what}; delete or change ${n === 1 ? 'it' : 'them'} first.`,
      );
    }
  }
  try {
    const { rowCount } = await db.query(`DELETE FROM ${q(entity.table)} WHERE "id" = $1`, [id]);
    return rowCount > 0;
  } catch (error) {
    if ((error as { code?: string }).code === '23503') {
      throw new RecordInUseError(`Other records still point at this ${entity.label.toLowerCase()}; delete them first.`);
    }
    throw error;
  }
}

/** The choices of a reference select: id and title, searched by title. */
export async function recordOptions(
  db: Queryable,
  entity: EntityDef,
  search: string | undefined,
  limit = 50,
): Promise<{ id: number; label: string }[]> {
  const title = titleExpr(entity, 't');
  const params: unknown[] = [];
  let where = '';
  if (search?.trim()) {
    params.push(likePattern(search.trim().slice(0, 200)));
    where = `WHERE ${title} ILIKE $1`;
  }
  const size = Math.min(Math.max(Math.trunc(limit), 1), 200);
  const { rows } = await db.query<{ id: number; label: string | null }>(
    `SELECT t."id", ${title} AS label FROM ${q(entity.table)} t ${where} ORDER BY ${title} ASC NULLS LAST, t."id" LIMIT ${size}`,
    params,
  );
  return rows.map((row) => ({ id: Number(row.id), label: row.label || `${entity.label} #${row.id}` }));
}

/** The records that point at one record, per referencing field, newest first. */
export async function relatedRecords(
  db: Queryable,
  entity: EntityDef,
  all: EntityDef[],
  lookup: EntityLookup,
  id: number,
): Promise<RelatedList[]> {
  return Promise.all(
    referencesTo(entity, all).map(async ({ source, field }) => {
      const page = await listRecords(db, source, lookup, { where: { [field.name]: id }, limit: 10, sort: 'createdAt' });
      return {
        entity: source.name,
        route: source.route,
        label: source.label,
        pluralLabel: source.pluralLabel,
        field: field.name,
        fieldLabel: field.label,
        items: page.items,
        total: page.total,
      };
    }),
  );
}

/** A count and the newest records of every entity. */
export async function dashboardSummary(db: Queryable, all: EntityDef[], lookup: EntityLookup): Promise<DashboardEntry[]> {
  return Promise.all(
    all.map(async (entity) => {
      const page = await listRecords(db, entity, lookup, { limit: 5, sort: 'createdAt' });
      const { name, route, label, pluralLabel } = entity;
      return { name, route, label, pluralLabel, count: page.total, recent: page.items };
    }),
  );
}
