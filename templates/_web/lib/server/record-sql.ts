import type { EntityDef, FieldDef, Row } from '../entity-types';
import { quoteIdent as q } from './database';

// SQL pieces of the record queries; only records.ts uses them, and it always passes a workspace.

export interface ListQuery {
  page?: number;
  limit?: number;
  sort?: string;
  dir?: 'asc' | 'desc';
  q?: string;
  /** Only rows whose reference field (by name) points at this id. */
  where?: Record<string, number>;
}

/** Resolves referenced entities by name; a spec the generator accepted always has them. */
export type EntityLookup = (name: string) => EntityDef | undefined;

export const MAX_PAGE_SIZE = 100;
const SEARCHABLE = new Set(['string', 'text', 'email', 'url', 'enum']);
const SYSTEM_SORTS: Record<string, string> = { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at' };

/** A field's value as selected: calendar dates as text, so no driver turns them into a shifted instant. */
function selectExpr(field: FieldDef, alias: string): string {
  const column = `${alias}.${q(field.column)}`;
  return field.type === 'date' ? `to_char(${column}, 'YYYY-MM-DD')` : column;
}

/** SQL for a record's title, as text. */
export function titleExpr(entity: EntityDef, alias: string): string {
  const field = entity.fields.find((f) => f.name === entity.titleField);
  return field ? `${selectExpr(field, alias)}::text` : `${alias}."id"::text`;
}

/** The selected columns of a row, with the title of each referenced record of the same workspace. */
export function columns(entity: EntityDef, lookup: EntityLookup): string {
  const parts = ['t."id"'];
  for (const field of entity.fields) parts.push(`${selectExpr(field, 't')} AS ${q(field.name)}`);
  parts.push('t."created_at" AS "createdAt"', 't."updated_at" AS "updatedAt"', `${titleExpr(entity, 't')} AS "__title"`);
  for (const field of entity.fields) {
    const target = field.type === 'reference' && field.references ? lookup(field.references) : undefined;
    if (!target) continue;
    parts.push(
      `(SELECT ${titleExpr(target, 'r')} FROM ${q(target.table)} r WHERE r."id" = t.${q(field.column)} AND r."workspace_id" = t."workspace_id") AS ${q(`__label_${field.name}`)}`,
    );
  }
  return parts.join(', ');
}

export function toRow(entity: EntityDef, raw: Record<string, unknown>): Row {
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
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE of a list: always the workspace (params[0]), then search and reference filters. */
export function whereClause(entity: EntityDef, query: ListQuery, params: unknown[]): string {
  const conditions = ['t."workspace_id" = $1'];
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
  return `WHERE ${conditions.join(' AND ')}`;
}

export function orderClause(entity: EntityDef, query: ListQuery): string {
  const dir = query.dir === 'asc' ? 'ASC' : 'DESC';
  const field = entity.fields.find((f) => f.name === query.sort);
  const column = field ? field.column : (SYSTEM_SORTS[query.sort ?? ''] ?? 'id');
  return `ORDER BY t.${q(column)} ${dir} NULLS LAST, t."id" ${dir}`;
}

/** Constraint violations the database reports in terms of a field the caller can fix. */
export function constraintField(entity: EntityDef, error: unknown): string | null {
  const { code, column } = (error ?? {}) as { code?: string; column?: string };
  if (code === '23502' || code === '23514' || code === '22001' || code === '23503') {
    return entity.fields.find((f) => f.column === column)?.name ?? '_';
  }
  return null;
}
