import type { Entity, EntityField } from '@startup-factory/contracts';

/** `BlogPost` -> `blog_post`, `dueDate` -> `due_date`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** A plain English plural, enough for identifiers: `Category` -> `Categories`, `Box` -> `Boxes`. */
export function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/** `dueDate` -> `Due date`. */
export function label(name: string): string {
  const words = snakeCase(name).split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface EntityNames {
  name: string;
  /** SQL table: `blog_posts`. */
  table: string;
  /** URL segment: `blog-posts`. */
  route: string;
  /** File-safe snake name: `blog_post`. */
  file: string;
  /** camelCase variable: `blogPost`. */
  variable: string;
  label: string;
  pluralLabel: string;
}

export function entityNames(entity: Pick<Entity, 'name'>): EntityNames {
  const snake = snakeCase(entity.name);
  const many = snakeCase(plural(entity.name));
  return {
    name: entity.name,
    table: many,
    route: many.replace(/_/g, '-'),
    file: snake,
    variable: entity.name.charAt(0).toLowerCase() + entity.name.slice(1),
    label: label(entity.name),
    pluralLabel: label(plural(entity.name)),
  };
}

/** The column of a field: `dueDate` -> `due_date`; a reference `patient` -> `patient_id`. */
export function columnName(field: Pick<EntityField, 'name'> & { type?: EntityField['type'] }): string {
  const snake = snakeCase(field.name);
  return field.type === 'reference' && !snake.endsWith('_id') ? `${snake}_id` : snake;
}
