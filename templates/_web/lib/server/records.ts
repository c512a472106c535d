import type { DashboardEntry, EntityDef, FieldDef, Page, RelatedList, Row } from '../entity-types';
import { type Queryable, quoteIdent as q } from './database';
import {
  columns,
  constraintField,
  type EntityLookup,
  type ListQuery,
  likePattern,
  MAX_PAGE_SIZE,
  orderClause,
  titleExpr,
  toRow,
  whereClause,
} from './record-sql';

export type { EntityLookup, ListQuery } from './record-sql';
export { MAX_PAGE_SIZE } from './record-sql';

/** A request the caller can fix: answered 400 with a message per field. */
export class InvalidRecordError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('invalid input');
  }
}

/** A delete refused because other records still point at this one: answered 409. */
export class RecordInUseError extends Error {}

/**
 * Every record operation the app has, bound to one workspace. This is the only way to reach the
 * entity tables: each statement below filters or writes `workspace_id` with the bound id, so a
 * route cannot forget it, and a record of another workspace is simply not found.
 */
export interface WorkspaceRecords {
  readonly workspaceId: number;
  list(entity: EntityDef, query?: ListQuery): Promise<Page<Row>>;
  get(entity: EntityDef, id: number): Promise<Row | null>;
  create(entity: EntityDef, values: Record<string, unknown>): Promise<Row>;
  /** null when the record is not in this workspace. */
  update(entity: EntityDef, id: number, values: Record<string, unknown>): Promise<Row | null>;
  /** false when the record is not in this workspace. Refused while a `restrict` reference points at it. */
  remove(entity: EntityDef, id: number): Promise<boolean>;
  /** The choices of a reference select: id and title of this workspace's records, searched by title. */
  options(entity: EntityDef, search?: string, limit?: number): Promise<{ id: number; label: string }[]>;
  /** The records of this workspace pointing at one record, per referencing field, newest first. */
  related(entity: EntityDef, id: number): Promise<RelatedList[]>;
  /** A count and the newest records of every entity. */
  dashboard(): Promise<DashboardEntry[]>;
}

/** The reference fields of other entities (or this one) that point at `entity`. */
export function referencesTo(entity: EntityDef, all: EntityDef[]): { source: EntityDef; field: FieldDef }[] {
  return all.flatMap((source) =>
    source.fields.filter((f) => f.type === 'reference' && f.references === entity.name).map((field) => ({ source, field })),
  );
}

function asInvalid(entity: EntityDef, error: unknown): unknown {
  const field = constraintField(entity, error);
  return field === null ? error : new InvalidRecordError({ [field]: 'is not an accepted value' });
}

/** The records of workspace `workspaceId`; `workspaceId` comes from the signed-in session, never from a request body. */
export function workspaceRecords(db: Queryable, workspaceId: number, all: EntityDef[]): WorkspaceRecords {
  if (!Number.isSafeInteger(workspaceId) || workspaceId <= 0) throw new Error('workspaceRecords needs a workspace id');
  const byName = new Map(all.map((e) => [e.name, e]));
  const lookup: EntityLookup = (name) => byName.get(name);

  async function list(entity: EntityDef, query: ListQuery = {}): Promise<Page<Row>> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), MAX_PAGE_SIZE);
    const page = Math.max(Math.trunc(query.page ?? 1), 1);
    const params: unknown[] = [workspaceId];
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

  async function get(entity: EntityDef, id: number): Promise<Row | null> {
    const { rows } = await db.query(
      `SELECT ${columns(entity, lookup)} FROM ${q(entity.table)} t WHERE t."id" = $1 AND t."workspace_id" = $2`,
      [id, workspaceId],
    );
    return rows[0] ? toRow(entity, rows[0]) : null;
  }

  /** Every reference must name a record of this workspace; one of another workspace is as unknown as a made-up id. */
  async function checkReferences(entity: EntityDef, values: Record<string, unknown>) {
    const errors: Record<string, string> = {};
    for (const field of entity.fields) {
      const id = values[field.name];
      if (field.type !== 'reference' || typeof id !== 'number') continue;
      const target = field.references ? lookup(field.references) : undefined;
      if (!target) continue;
      const { rows } = await db.query(`SELECT 1 FROM ${q(target.table)} WHERE "id" = $1 AND "workspace_id" = $2`, [
        id,
        workspaceId,
      ]);
      if (rows.length === 0) errors[field.name] = `no ${target.label.toLowerCase()} #${id}; choose one from the list`;
    }
    if (Object.keys(errors).length > 0) throw new InvalidRecordError(errors);
  }

  async function create(entity: EntityDef, values: Record<string, unknown>): Promise<Row> {
    await checkReferences(entity, values);
    const fields = entity.fields.filter((f) => Object.hasOwn(values, f.name));
    const names = ['"workspace_id"', ...fields.map((f) => q(f.column))];
    const sql = `INSERT INTO ${q(entity.table)} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING "id"`;
    try {
      const { rows } = await db.query<{ id: number }>(sql, [workspaceId, ...fields.map((f) => values[f.name])]);
      return (await get(entity, Number(rows[0]?.id))) as Row;
    } catch (error) {
      throw asInvalid(entity, error);
    }
  }

  async function update(entity: EntityDef, id: number, values: Record<string, unknown>): Promise<Row | null> {
    await checkReferences(entity, values);
    const fields = entity.fields.filter((f) => Object.hasOwn(values, f.name));
    const sets = [...fields.map((f, i) => `${q(f.column)} = $${i + 1}`), '"updated_at" = now()'].join(', ');
    const n = fields.length;
    try {
      const { rowCount } = await db.query(
        `UPDATE ${q(entity.table)} SET ${sets} WHERE "id" = $${n + 1} AND "workspace_id" = $${n + 2}`,
        [...fields.map((f) => values[f.name]), id, workspaceId],
      );
      return rowCount > 0 ? get(entity, id) : null;
    } catch (error) {
      throw asInvalid(entity, error);
    }
  }

  async function remove(entity: EntityDef, id: number): Promise<boolean> {
    if (!(await get(entity, id))) return false;
    for (const { source, field } of referencesTo(entity, all)) {
      if (field.onDelete !== 'restrict') continue;
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${q(source.table)} WHERE ${q(field.column)} = $1 AND "workspace_id" = $2`,
        [id, workspaceId],
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
      const { rowCount } = await db.query(`DELETE FROM ${q(entity.table)} WHERE "id" = $1 AND "workspace_id" = $2`, [
        id,
        workspaceId,
      ]);
      return rowCount > 0;
    } catch (error) {
      if ((error as { code?: string }).code === '23503') {
        throw new RecordInUseError(`Other records still point at this ${entity.label.toLowerCase()}; delete them first.`);
      }
      throw error;
    }
  }

  async function options(entity: EntityDef, search?: string, limit = 50) {
    const title = titleExpr(entity, 't');
    const params: unknown[] = [workspaceId];
    let where = 'WHERE t."workspace_id" = $1';
    if (search?.trim()) {
      params.push(likePattern(search.trim().slice(0, 200)));
      where += ` AND ${title} ILIKE $2`;
    }
    const size = Math.min(Math.max(Math.trunc(limit), 1), 200);
    const { rows } = await db.query<{ id: number; label: string | null }>(
      `SELECT t."id", ${title} AS label FROM ${q(entity.table)} t ${where} ORDER BY ${title} ASC NULLS LAST, t."id" LIMIT ${size}`,
      params,
    );
    return rows.map((row) => ({ id: Number(row.id), label: row.label || `${entity.label} #${row.id}` }));
  }

  async function related(entity: EntityDef, id: number): Promise<RelatedList[]> {
    return Promise.all(
      referencesTo(entity, all).map(async ({ source, field }) => {
        const page = await list(source, { where: { [field.name]: id }, limit: 10, sort: 'createdAt' });
        const { name, route, label, pluralLabel } = source;
        return { entity: name, route, label, pluralLabel, field: field.name, fieldLabel: field.label, items: page.items, total: page.total };
      }),
    );
  }

  async function dashboard(): Promise<DashboardEntry[]> {
    return Promise.all(
      all.map(async (entity) => {
        const page = await list(entity, { limit: 5, sort: 'createdAt' });
        const { name, route, label, pluralLabel } = entity;
        return { name, route, label, pluralLabel, count: page.total, recent: page.items };
      }),
    );
  }

  return { workspaceId, list, get, create, update, remove, options, related, dashboard };
}
