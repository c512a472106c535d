import type { EntityDef, FieldDef } from './entity-types';

export type ValidationOutcome =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkValue(field: FieldDef, value: unknown): { value: unknown } | { error: string } {
  switch (field.type) {
    case 'integer': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) ? { value: n } : { error: 'must be a whole number' };
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return { error: 'must be true or false' };
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? { value }
        : { error: 'must be a date (YYYY-MM-DD)' };
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? { value: new Date(value).toISOString() }
        : { error: 'must be a date and time' };
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? { value } : { error: 'must be an email address' };
    case 'url':
      try {
        const url = new URL(String(value));
        return url.protocol === 'http:' || url.protocol === 'https:'
          ? { value: url.toString() }
          : { error: 'must be an http(s) URL' };
      } catch {
        return { error: 'must be a URL' };
      }
    case 'enum':
      return typeof value === 'string' && (field.enumValues ?? []).includes(value)
        ? { value }
        : { error: `must be one of ${(field.enumValues ?? []).join(', ')}` };
    default:
      return typeof value === 'string' ? { value } : { error: 'must be text' };
  }
}

/**
 * Checks a request body against an entity. `partial` (for updates) skips absent fields; unknown
 * keys are dropped so a client cannot write columns the entity does not declare.
 */
export function validateInput(entity: EntityDef, input: unknown, partial: boolean): ValidationOutcome {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: { _: 'body must be a JSON object' } };
  }
  const body = input as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of entity.fields) {
    const present = Object.hasOwn(body, field.name);
    const raw = present ? body[field.name] : undefined;
    const empty = raw === undefined || raw === null || raw === '';
    if (empty) {
      if (present && !field.required) values[field.name] = null;
      else if (field.required && (!partial || present)) errors[field.name] = 'is required';
      continue;
    }
    const checked = checkValue(field, raw);
    if ('error' in checked) errors[field.name] = checked.error;
    else values[field.name] = checked.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
