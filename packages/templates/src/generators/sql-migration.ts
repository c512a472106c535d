import { type EntityField, type MvpSpec, onDeleteRule } from '@startup-factory/contracts';
import { columnName, entityNames } from './naming';

export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The longest text a field accepts when the spec names no limit; the app's validation uses the same. */
export function maxLengthOf(field: Pick<EntityField, 'type' | 'maxLength'>): number | undefined {
  if (field.type === 'string') return field.maxLength ?? 200;
  if (field.type === 'text') return field.maxLength ?? 5000;
  return undefined;
}

function columnType(field: EntityField): string {
  switch (field.type) {
    case 'integer':
    case 'reference':
      return 'integer';
    case 'number':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamptz';
    default:
      return 'text';
  }
}

const ON_DELETE_SQL = { cascade: 'CASCADE', restrict: 'RESTRICT', set_null: 'SET NULL' } as const;

export function foreignKey(field: EntityField, spec: MvpSpec): string {
  const target = spec.entities.find((e) => e.name === field.references);
  if (!target) throw new Error(`reference ${field.name} names unknown entity ${field.references}`);
  return `REFERENCES ${quote(entityNames(target).table)} ("id") ON DELETE ${ON_DELETE_SQL[onDeleteRule(field)]}`;
}

/** The database's own guard for each rule the app validates, so no other client can break them. */
export function checks(field: EntityField, column: string): string[] {
  const out: string[] = [];
  const max = maxLengthOf(field);
  if (max !== undefined) out.push(`char_length(${column}) <= ${max}`);
  if (field.required && (field.type === 'string' || field.type === 'text'))
    out.push(`btrim(${column}) <> ''`);
  if (field.type === 'enum' && field.enumValues?.length)
    out.push(`${column} IN (${field.enumValues.map(literal).join(', ')})`);
  if (field.type === 'email') out.push(`${column} ~ '^[^@\\s]+@[^@\\s]+$'`);
  if (field.type === 'integer' || field.type === 'number') {
    if (field.min !== undefined) out.push(`${column} >= ${field.min}`);
    if (field.max !== undefined) out.push(`${column} <= ${field.max}`);
  }
  return out;
}

export function columnSql(
  field: EntityField,
  spec: MvpSpec,
  inlineReference: boolean,
  defaultSql?: string,
): string {
  const column = quote(columnName(field));
  const parts = [column, columnType(field)];
  if (field.required) parts.push('NOT NULL');
  if (defaultSql !== undefined) parts.push(`DEFAULT ${defaultSql}`);
  const rules = checks(field, column);
  if (rules.length > 0) parts.push(`CHECK (${rules.join(' AND ')})`);
  if (field.type === 'reference' && inlineReference) parts.push(foreignKey(field, spec));
  return `  ${parts.join(' ')}`;
}

/**
 * Entities in an order where a referenced table is created before the tables pointing at it.
 * A reference inside a cycle (or to its own table) is added with ALTER TABLE once both exist.
 */
function creationOrder(
  entities: MvpSpec['entities'],
  existing: ReadonlySet<string>,
): { order: MvpSpec['entities']; deferred: Set<EntityField> } {
  const order: MvpSpec['entities'] = [];
  const deferred = new Set<EntityField>();
  const placed = new Set<string>(existing);
  const pending = [...entities];
  while (pending.length > 0) {
    const ready = pending.findIndex((e) =>
      e.fields.every(
        (f) => f.type !== 'reference' || f.references === e.name || placed.has(f.references ?? ''),
      ),
    );
    const [next] = pending.splice(ready === -1 ? 0 : ready, 1);
    if (!next) break;
    for (const f of next.fields)
      if (f.type === 'reference' && (f.references === next.name || !placed.has(f.references ?? '')))
        deferred.add(f);
    order.push(next);
    placed.add(next.name);
  }
  return { order, deferred };
}

/**
 * The first migration: a table per entity, each row owned by a workspace (`app_workspaces`, created
 * by the app's runtime before any migration), foreign keys with their delete rules and an index on each. Names are unqualified: the app runs migrations with its schema (APP_DB_SCHEMA) on the
 * search path, so the same file serves PGlite and PostgreSQL.
 */
export function sqlMigration(spec: MvpSpec): string {
  const lines = [`-- Generated from the MVP spec "${spec.name.replace(/[\r\n]/g, ' ')}".`, ''];
  lines.push(...createTablesSql(spec, spec.entities, new Set()));
  return lines.join('\n');
}

/**
 * CREATE TABLE statements for `entities` of `spec` (with their indexes and foreign keys), where the
 * tables of `existing` entities are there already: the first migration, and an evolve's new entities.
 */
export function createTablesSql(
  spec: MvpSpec,
  entities: MvpSpec['entities'],
  existing: ReadonlySet<string>,
): string[] {
  const lines: string[] = [];
  const { order, deferred } = creationOrder(entities, existing);
  const after: string[] = [];
  for (const entity of order) {
    const { table } = entityNames(entity);
    const columns = [
      '  "id" serial PRIMARY KEY',
      '  "workspace_id" integer NOT NULL REFERENCES "app_workspaces" ("id") ON DELETE CASCADE',
      ...entity.fields.map((f) => columnSql(f, spec, !deferred.has(f))),
      '  "created_at" timestamptz NOT NULL DEFAULT now()',
      '  "updated_at" timestamptz NOT NULL DEFAULT now()',
    ];
    lines.push(`CREATE TABLE ${quote(table)} (`, columns.join(',\n'), ');', '');
    // Every query of the app filters by workspace first.
    after.push(
      `CREATE INDEX ${quote(`${table}_workspace_id_idx`)} ON ${quote(table)} ("workspace_id", "id");`,
    );
    for (const field of entity.fields.filter((f) => f.type === 'reference')) {
      const column = columnName(field);
      if (deferred.has(field)) {
        after.push(
          `ALTER TABLE ${quote(table)} ADD FOREIGN KEY (${quote(column)}) ${foreignKey(field, spec)};`,
        );
      }
      after.push(`CREATE INDEX ${quote(`${table}_${column}_idx`)} ON ${quote(table)} (${quote(column)});`);
    }
  }
  if (after.length > 0) lines.push(...after, '');
  return lines;
}
