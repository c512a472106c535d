import type { EntityDef, FieldDef } from '../lib/entity-types';

const pad = (n: number) => String(n).padStart(2, '0');

/** A valid value for a field (references excepted), distinct per `n` where the type allows. */
export function validValue(field: FieldDef, n: number): unknown {
  switch (field.type) {
    case 'integer':
      return Math.min(Math.max(n + 1, field.min ?? Number.NEGATIVE_INFINITY), field.max ?? Number.POSITIVE_INFINITY);
    case 'number':
      return Math.min(Math.max(n + 0.5, field.min ?? Number.NEGATIVE_INFINITY), field.max ?? Number.POSITIVE_INFINITY);
    case 'boolean':
      return n % 2 === 0;
    case 'date':
      return `2026-03-${pad((n % 28) + 1)}`;
    case 'datetime':
      return `2026-03-${pad((n % 28) + 1)}T10:15:00.000Z`;
    case 'email':
      return `person${n}@example.com`;
    case 'url':
      return `https://example.com/item-${n}`;
    case 'enum':
      return field.enumValues?.[n % (field.enumValues.length || 1)] ?? null;
    case 'reference':
      return null;
    default:
      return `Test ${field.label.toLowerCase()} ${n}`.slice(0, field.maxLength ?? 200);
  }
}

/** Creates records through `create` (the API), making the records a required reference needs first. */
export async function makeRecord(
  entity: EntityDef,
  n: number,
  lookup: (name: string) => EntityDef | undefined,
  create: (entity: EntityDef, body: Record<string, unknown>) => Promise<{ id: number }>,
  depth = 0,
): Promise<{ id: number; body: Record<string, unknown> }> {
  const body: Record<string, unknown> = {};
  for (const field of entity.fields) {
    if (field.type !== 'reference') {
      body[field.name] = validValue(field, n);
      continue;
    }
    const target = lookup(field.references ?? '');
    if (!field.required || !target || depth > 3) continue;
    body[field.name] = (await makeRecord(target, n, lookup, create, depth + 1)).id;
  }
  const created = await create(entity, body);
  return { id: created.id, body };
}
