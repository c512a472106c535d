import type { Entity, EntityField, MvpSpec } from '@startup-factory/contracts';
import { label } from './naming';
import { maxLengthOf } from './sql-migration';

const PEOPLE = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Linus Pauling',
  'Mae Jemison',
  'Rosalind Franklin',
  'Carl Sagan',
  'Hedy Lamarr',
  'Nikola Tesla',
  'Dorothy Vaughan',
  'Tim Berners-Lee',
];
const COMPANIES = [
  'Northwind Traders',
  'Blue Harbor Co.',
  'Maple & Finch',
  'Summit Works',
  'Lumen Studio',
  'Oak Street Labs',
];
const STREETS = [
  '12 Harbour Street',
  '48 Elm Avenue',
  '7 Mill Lane',
  '230 King Road',
  '15 Station Square',
  '91 Park Row',
];
const WORDS = ['Aurora', 'Beacon', 'Cedar', 'Delta', 'Ember', 'Fjord'];
const SENTENCES = [
  'First contact went well; follow up next week.',
  'Needs a quick review before it goes out.',
  'Everything agreed on the call is written down here.',
  'Priority for this month.',
  'Waiting on a reply from the other side.',
  'Done and checked twice.',
];

/** Where an entity starts in the lists, so a patient and a practitioner are not the same people. */
function offsetOf(entity: Entity): number {
  let sum = 0;
  for (const c of entity.name) sum += c.charCodeAt(0);
  return sum;
}

/** The `i`-th entry of a list for this entity, cycling from the entity's own starting point. */
const pick = (list: readonly string[], entity: Entity, i: number) =>
  list[(offsetOf(entity) + i) % list.length]!;

/** How many sample records each entity gets on first start. */
export const SAMPLES_PER_ENTITY = 6;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
const pad = (n: number) => String(n).padStart(2, '0');

function clip(text: string, field: EntityField): string {
  const max = maxLengthOf(field);
  return max !== undefined && text.length > max ? text.slice(0, max) : text;
}

function inRange(field: EntityField, wanted: number): number {
  const min = field.min ?? Number.NEGATIVE_INFINITY;
  const max = field.max ?? Number.POSITIVE_INFINITY;
  return Math.min(Math.max(wanted, min), max);
}

function textValue(entity: Entity, field: EntityField, i: number): string {
  const name = field.name.toLowerCase();
  if (/(company|business|organi[sz]ation|clinic|shop|store|brand)/.test(name))
    return pick(COMPANIES, entity, i);
  if (/(name|owner|contact|person|customer|author)/.test(name)) {
    return name === 'name' &&
      !/person|customer|client|owner|patient|student|tenant|driver|user|member|employee|contact/i.test(
        entity.name,
      )
      ? pick(WORDS, entity, i)
      : pick(PEOPLE, entity, i);
  }
  if (/(address|street|location)/.test(name)) return pick(STREETS, entity, i);
  if (/phone/.test(name)) return `+1 555 010 ${pad(i + 10)}`;
  if (/(code|number|sku|ref|serial)/.test(name))
    return `${entity.name.slice(0, 3).toUpperCase()}-${1001 + i}`;
  if (
    field.type === 'text' ||
    /(note|description|summary|details|comment|reason|answers|feedback|body)/.test(name)
  )
    return pick(SENTENCES, entity, i);
  // A title reads like a codename for the record ("Aurora project"); other lines name their field.
  const subject = /^(title|label|subject|headline)$/.test(name) ? entity.name : field.name;
  return `${pick(WORDS, entity, i)} ${label(subject).toLowerCase()}`;
}

function value(entity: Entity, field: EntityField, i: number, counts: Map<string, number>): unknown {
  switch (field.type) {
    case 'integer':
      return Math.round(
        inRange(field, field.max !== undefined && field.max <= 10 ? (i % field.max) + 1 : (i + 1) * 3),
      );
    case 'number':
      return inRange(field, Math.round((i + 1) * 12.5 * 100) / 100);
    case 'boolean':
      return i % 3 !== 2;
    case 'date':
      return `2026-${pad((i % 12) + 1)}-${pad(((i * 7) % 27) + 1)}`;
    case 'datetime':
      return `2026-${pad((i % 12) + 1)}-${pad(((i * 5) % 27) + 1)}T${pad(9 + (i % 8))}:30:00.000Z`;
    case 'email': {
      return `${slug(pick(PEOPLE, entity, i))}@example.com`;
    }
    case 'url':
      return `https://example.com/${slug(`${entity.name} ${i + 1}`)}`;
    case 'enum':
      return field.enumValues?.[i % field.enumValues.length] ?? null;
    case 'reference': {
      const available = counts.get(field.references ?? '') ?? 0;
      return available > 0 ? (i % available) + 1 : null;
    }
    default:
      return clip(textValue(entity, field, i), field);
  }
}

/**
 * `db/sample-data.json`: a few plausible records per entity, in an order where referenced entities
 * come first; a reference holds the 1-based position of a record of the referenced entity. An entity
 * whose required reference cannot be met yet (a cycle, or itself) gets no samples.
 */
export function sampleData(
  spec: MvpSpec,
  perEntity = SAMPLES_PER_ENTITY,
): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  const counts = new Map<string, number>();
  const pending = [...spec.entities];
  while (pending.length > 0) {
    const index = pending.findIndex((e) =>
      e.fields.every((f) => f.type !== 'reference' || !f.required || counts.has(f.references ?? '')),
    );
    if (index === -1) {
      for (const entity of pending) out[entity.name] = [];
      break;
    }
    const [entity] = pending.splice(index, 1);
    if (!entity) break;
    const records = Array.from({ length: perEntity }, (_, i) =>
      Object.fromEntries(entity.fields.map((f) => [f.name, value(entity, f, i, counts)])),
    );
    out[entity.name] = records;
    counts.set(entity.name, records.length);
  }
  return out;
}
