import type { EntityDef, FieldDef } from './entity-types';

export type ValidationOutcome =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/** Defaults when the spec names no limit: one line of text, and a few paragraphs. */
export const DEFAULT_MAX_LENGTH = { string: 200, text: 5000 } as const;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT_LIMIT = 2_147_483_647;

/** A real calendar day: `2026-02-30` is refused rather than rolled into March. */
function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function checkRange(field: FieldDef, n: number): string | null {
  if (field.min !== undefined && n < field.min) return `must be at least ${field.min}`;
  if (field.max !== undefined && n > field.max) return `must be at most ${field.max}`;
  return null;
}

function checkText(field: FieldDef, value: unknown, fallbackMax: number): { value: unknown } | { error: string } {
  if (typeof value !== 'string') return { error: 'must be text' };
  const max = field.maxLength ?? fallbackMax;
  return value.length > max ? { error: `must be at most ${max} characters` } : { value };
}

function checkValue(field: FieldDef, value: unknown): { value: unknown } | { error: string } {
  switch (field.type) {
    case 'integer': {
      const n = toNumber(value);
      if (n === null || !Number.isInteger(n) || Math.abs(n) > INT_LIMIT) return { error: 'must be a whole number' };
      const range = checkRange(field, n);
      return range ? { error: range } : { value: n };
    }
    case 'number': {
      const n = toNumber(value);
      if (n === null) return { error: 'must be a number' };
      const range = checkRange(field, n);
      return range ? { error: range } : { value: n };
    }
    case 'reference': {
      const n = toNumber(value);
      return n !== null && Number.isInteger(n) && n > 0 && n <= INT_LIMIT
        ? { value: n }
        : { error: 'must be chosen from the list' };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return { error: 'must be yes or no' };
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? { value }
        : { error: 'must be a date (YYYY-MM-DD)' };
    case 'datetime': {
      const time = typeof value === 'string' && value.length <= 40 ? Date.parse(value) : Number.NaN;
      return Number.isNaN(time) ? { error: 'must be a date and time' } : { value: new Date(time).toISOString() };
    }
    case 'email':
      return typeof value === 'string' && value.length <= 254 && EMAIL.test(value)
        ? { value: value.toLowerCase() }
        : { error: 'must be an email address' };
    case 'url':
      try {
        if (typeof value !== 'string' || value.length > 2048) return { error: 'must be a URL' };
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:'
          ? { value: url.toString() }
          : { error: 'must start with http:// or https://' };
      } catch {
        return { error: 'must be a URL' };
      }
    case 'enum':
      return typeof value === 'string' && (field.enumValues ?? []).includes(value)
        ? { value }
        : { error: `must be one of ${(field.enumValues ?? []).join(', ')}` };
    case 'text':
      return checkText(field, value, DEFAULT_MAX_LENGTH.text);
    default:
      return checkText(field, value, DEFAULT_MAX_LENGTH.string);
  }
}

/**
 * Checks a request body or a form against an entity, the same on the server and in the browser.
 * Text is trimmed and a blank required value is refused; `partial` (updates) skips absent fields;
 * unknown keys are dropped, so a client cannot write columns the entity does not declare.
 */
export function validateInput(entity: EntityDef, input: unknown, partial: boolean): ValidationOutcome {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: { _: 'the body must be a JSON object' } };
  }
  const body = input as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of entity.fields) {
    const present = Object.hasOwn(body, field.name);
    let raw = present ? body[field.name] : undefined;
    if (typeof raw === 'string') raw = raw.trim();
    const empty = raw === undefined || raw === null || raw === '';
    if (empty) {
      if (field.type === 'boolean' && present) values[field.name] = false;
      else if (field.required && (!partial || present)) errors[field.name] = 'is required';
      else if (present) values[field.name] = null;
      continue;
    }
    const checked = checkValue(field, raw);
    if ('error' in checked) errors[field.name] = checked.error;
    else values[field.name] = checked.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
