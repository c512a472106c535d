import type { EntityField, MvpSpec } from '@startup-factory/contracts';
import { DatabaseNamespace } from '@startup-factory/contracts';
import { columnName, entityNames } from './naming';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function columnType(field: EntityField): string {
  switch (field.type) {
    case 'integer':
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

function columnSql(field: EntityField): string {
  const column = quote(columnName(field));
  const parts = [column, columnType(field)];
  if (field.required) parts.push('NOT NULL');
  if (field.type === 'enum' && field.enumValues?.length) {
    parts.push(`CHECK (${column} IN (${field.enumValues.map(literal).join(', ')}))`);
  }
  if (field.type === 'email') parts.push(`CHECK (${column} ~ '^[^@\\s]+@[^@\\s]+$')`);
  return `  ${parts.join(' ')}`;
}

/** One migration that creates the allocated schema and a table per entity inside it. */
export function sqlMigration(spec: MvpSpec, namespace: string): string {
  const schema = quote(DatabaseNamespace.parse(namespace));
  const lines = [
    `-- Generated from the MVP spec "${spec.name.replace(/[\r\n]/g, ' ')}". Every table lives in the startup's own schema.`,
    `CREATE SCHEMA IF NOT EXISTS ${schema};`,
    '',
  ];
  for (const entity of spec.entities) {
    const { table } = entityNames(entity);
    const columns = [
      '  "id" serial PRIMARY KEY',
      ...entity.fields.map(columnSql),
      '  "created_at" timestamptz NOT NULL DEFAULT now()',
      '  "updated_at" timestamptz NOT NULL DEFAULT now()',
    ];
    lines.push(`CREATE TABLE IF NOT EXISTS ${schema}.${quote(table)} (`, columns.join(',\n'), ');', '');
  }
  return lines.join('\n');
}
