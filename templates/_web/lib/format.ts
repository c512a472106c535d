import type { FieldDef, Row } from './entity-types';

const DATE_FORMAT = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const DATETIME_FORMAT = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date `YYYY-MM-DD` shown as itself in every time zone (read as UTC, formatted as UTC). */
export function formatDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : DATE_FORMAT.format(date);
}

/** The text of one cell: references show the referenced record's title. */
export function formatValue(field: FieldDef, row: Row): string {
  const value = row[field.name];
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'date':
      return formatDate(String(value));
    case 'datetime': {
      const date = new Date(String(value));
      return Number.isNaN(date.getTime()) ? String(value) : DATETIME_FORMAT.format(date);
    }
    case 'reference':
      return row._labels?.[field.name] ?? `#${String(value)}`;
    case 'enum':
      return String(value).replace(/_/g, ' ');
    default:
      return String(value);
  }
}

/** The value an input shows for a field of a stored row (a datetime as local `YYYY-MM-DDTHH:mm`). */
export function inputValue(field: FieldDef, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'datetime') {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) return '';
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 16);
  }
  return String(value);
}

/** Turns form values (strings) into the JSON body the API expects; blanks become null. */
export function formBody(fields: FieldDef[], read: (name: string) => string | boolean | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = read(field.name);
    if (field.type === 'boolean') {
      body[field.name] = raw === true || raw === 'true' || raw === 'on';
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (text.trim() === '') body[field.name] = null;
    else if (field.type === 'datetime') body[field.name] = new Date(text).toISOString();
    else if (field.type === 'integer' || field.type === 'number' || field.type === 'reference')
      body[field.name] = Number(text);
    else body[field.name] = text;
  }
  return body;
}
