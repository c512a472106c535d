import {
  backfillOf,
  type EntityField,
  type MvpSpec,
  onDeleteRule,
  type SpecDiff,
} from '@startup-factory/contracts';
import { columnName, entityNames } from './naming';
import { checks, columnSql, createTablesSql, foreignKey, literal, quote } from './sql-migration';

const tableOf = (spec: MvpSpec, entity: string) => {
  const found = spec.entities.find((e) => e.name === entity);
  if (!found) throw new Error(`the spec has no entity ${entity}`);
  return entityNames(found).table;
};

/** A plpgsql loop dropping the constraints of one kind (`c` check, `f` foreign key) on one column. */
function dropColumnConstraints(table: string, column: string, kind: 'c' | 'f'): string {
  const rel = literal(quote(table));
  return [
    'DO $$ DECLARE c text; BEGIN',
    `  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = ${rel}::regclass AND contype = '${kind}'`,
    `    AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = ${rel}::regclass AND attname = ${literal(column)})]::smallint[]`,
    `  LOOP EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', ${literal(table)}, c); END LOOP;`,
    'END $$;',
  ].join('\n');
}

const backfillSql = (field: EntityField) => {
  const value = backfillOf(field);
  return typeof value === 'string' ? literal(value) : String(value);
};

function addedColumn(spec: MvpSpec, entity: string, field: EntityField): string[] {
  const table = tableOf(spec, entity);
  const column = columnName(field);
  // The backfill fills the rows there now through a temporary default; new rows get their value from the app.
  const fill = backfillOf(field) === undefined ? undefined : backfillSql(field);
  const out = [`ALTER TABLE ${quote(table)} ADD COLUMN ${columnSql(field, spec, true, fill).trim()};`];
  if (backfillOf(field) !== undefined)
    out.push(`ALTER TABLE ${quote(table)} ALTER COLUMN ${quote(column)} DROP DEFAULT;`);
  if (field.type === 'reference')
    out.push(`CREATE INDEX ${quote(`${table}_${column}_idx`)} ON ${quote(table)} (${quote(column)});`);
  return out;
}

function changedRules(spec: MvpSpec, entity: string, before: EntityField, after: EntityField): string[] {
  const table = tableOf(spec, entity);
  const column = columnName(after);
  const q = quote(column);
  const out: string[] = [];
  if (!before.required && after.required && backfillOf(after) !== undefined)
    out.push(`UPDATE ${quote(table)} SET ${q} = ${backfillSql(after)} WHERE ${q} IS NULL;`);
  if (before.required !== after.required)
    out.push(`ALTER TABLE ${quote(table)} ALTER COLUMN ${q} ${after.required ? 'SET' : 'DROP'} NOT NULL;`);
  const rules = checks(after, q);
  if (JSON.stringify(checks(before, q)) !== JSON.stringify(rules)) {
    out.push(dropColumnConstraints(table, column, 'c'));
    if (rules.length > 0) out.push(`ALTER TABLE ${quote(table)} ADD CHECK (${rules.join(' AND ')});`);
  }
  if (after.type === 'reference' && onDeleteRule(before) !== onDeleteRule(after)) {
    out.push(dropColumnConstraints(table, column, 'f'));
    out.push(`ALTER TABLE ${quote(table)} ADD FOREIGN KEY (${q}) ${foreignKey(after, spec)};`);
  }
  return out;
}

/**
 * The migration that takes a database from the previous spec version to `spec`, from their diff:
 * new entities become tables, new fields columns (a required one filled with its backfill), renamed
 * fields renamed columns, changed rules new constraints, new references foreign keys. Existing rows
 * stay; a constraint they break fails the migration, and the app's migration transaction undoes it.
 * Null when the schema does not change.
 */
export function sqlEvolution(
  spec: MvpSpec,
  previous: MvpSpec,
  diff: SpecDiff,
  generation: number,
): string | null {
  const lines: string[] = [];
  for (const { entity, from, to } of diff.renamedFields) {
    const before = previous.entities.find((e) => e.name === entity)?.fields.find((f) => f.name === from);
    const after = spec.entities.find((e) => e.name === entity)?.fields.find((f) => f.name === to);
    if (!before || !after) throw new Error(`rename ${entity}.${from} -> ${to} is not in the specs`);
    const table = tableOf(spec, entity);
    lines.push(
      `ALTER TABLE ${quote(table)} RENAME COLUMN ${quote(columnName(before))} TO ${quote(columnName(after))};`,
    );
  }
  const existing = new Set(previous.entities.map((e) => e.name));
  if (diff.addedEntities.length > 0) {
    const added = spec.entities.filter((e) => diff.addedEntities.some((a) => a.name === e.name));
    lines.push(...createTablesSql(spec, added, existing));
  }
  for (const { entity, field } of diff.addedFields) lines.push(...addedColumn(spec, entity, field));
  for (const { entity, before, after } of diff.changedFields)
    lines.push(...changedRules(spec, entity, before, after));
  if (lines.length === 0) return null;
  return [
    `-- Generation ${generation}: generated from the spec diff of "${spec.name.replace(/[\r\n]/g, ' ')}"; existing rows stay.`,
    '',
    ...lines,
    '',
  ].join('\n');
}
