// Display helpers the pages of every web template share; the value formatting itself is format.ts.
import { entityList } from './entities';
import type { EntityDef, FieldDef } from './entity-types';

/** The entity a reference field points at. */
export function findEntity(name: string | undefined): EntityDef | undefined {
  return entityList.find((entity) => entity.name === name);
}

export const recordHref = (entity: Pick<EntityDef, 'route'>, id: number | string) => `/${entity.route}/${id}`;

/** "a" or "an" before a word, for sentences such as "As an agency owner". */
export const withArticle = (phrase: string) => `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;

/** An enum value as words: `in_progress` -> `In progress`. */
export function humanize(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TIMESTAMP = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** `createdAt` / `updatedAt` as the reader's local date and time. */
export function formatTimestamp(value: unknown): string {
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? '—' : TIMESTAMP.format(date);
}

/** The columns of a list: the title field first, then up to four short fields. */
export function listColumns(entity: EntityDef): { title: FieldDef | undefined; others: FieldDef[] } {
  const title = entity.fields.find((field) => field.name === entity.titleField);
  const others = entity.fields.filter((field) => field !== title && field.type !== 'text').slice(0, 4);
  return { title, others };
}

export const fieldId = (field: Pick<FieldDef, 'name'>) => `field-${field.name}`;
