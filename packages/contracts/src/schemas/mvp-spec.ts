import { z } from 'zod';
import { boundedText } from './common';

/** Field names generated code adds itself; a spec may not declare them (`workspace` would be the column workspace_id). */
export const RESERVED_FIELD_NAMES = ['id', 'createdAt', 'updatedAt', 'workspace', 'workspaceId'] as const;

const RESERVED_WORDS = new Set([
  'class',
  'constructor',
  'default',
  'delete',
  'enum',
  'export',
  'function',
  'import',
  'new',
  'null',
  'prototype',
  'return',
  'select',
  'super',
  'table',
  'this',
  'true',
  'false',
  'user',
  'order',
  'group',
  'where',
  'from',
  'index',
  '__proto__',
  // Tables the generated app keeps for itself.
  'schemamigration',
  'appmeta',
  'appworkspace',
  'appuser',
  'appmembership',
  'appsession',
  'appinvite',
  'apppasswordreset',
  'appsigninfailure',
]);

const notReserved = (name: string) => !RESERVED_WORDS.has(name.toLowerCase());

/** PascalCase, so it is a valid TypeScript type, Dart class and (lowercased) SQL table name. */
export const EntityName = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9]{1,39}$/, 'must be PascalCase letters and digits, 2-40 characters')
  .refine(notReserved, 'is a reserved word; choose another name');

/** camelCase, so it is a valid identifier in every generated language and a safe SQL column. */
export const FieldName = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'must be camelCase letters and digits, 1-40 characters')
  .refine(notReserved, 'is a reserved word; choose another name')
  .refine(
    (n) => !(RESERVED_FIELD_NAMES as readonly string[]).includes(n),
    'is added automatically; remove it',
  );

export const FieldType = z.enum([
  'string',
  'text',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'email',
  'url',
  'enum',
  'reference',
]);
export type FieldType = z.infer<typeof FieldType>;

/**
 * What happens to a record when the record it references is deleted: `cascade` deletes it too,
 * `restrict` refuses the delete while it exists, `set_null` clears the reference (optional fields only).
 */
export const OnDelete = z.enum(['cascade', 'restrict', 'set_null']);
export type OnDelete = z.infer<typeof OnDelete>;

export const EntityField = z
  .object({
    name: FieldName,
    type: FieldType,
    required: z.boolean().default(true),
    description: boundedText(300).default(''),
    enumValues: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{0,30}$/))
      .max(20)
      .optional(),
    /** For a `reference` field: the entity this one belongs to (many-to-one). */
    references: z.string().optional(),
    /** For a `reference` field; defaults to `restrict` when required, `set_null` when optional. */
    onDelete: OnDelete.optional(),
    /** For `string` and `text`: the longest value accepted; defaults to 200 and 5,000. */
    maxLength: z.number().int().min(1).max(100_000).optional(),
    /** For `integer` and `number`: the smallest and largest values accepted. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /**
     * Evolving a spec: this field's name in the previous spec version. Its column is renamed and
     * keeps its data; without it, a field missing from the new spec is a removal and is refused.
     */
    renamedFrom: FieldName.optional(),
    /**
     * Evolving a spec: the value rows that already exist get when this field is added as required
     * (or an optional field becomes required). A string for text-like, date and enum fields.
     */
    backfill: z.union([z.string().max(5000), z.number().finite(), z.boolean()]).optional(),
    /**
     * The value a new record starts with, and what existing rows get when the field is added to an
     * entity that already has data: a string (text kinds, dates, an enum value), a number or a boolean.
     */
    default: z.union([z.string().max(1000), z.number().finite(), z.boolean()]).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'enum' && (f.enumValues?.length ?? 0) === 0)
      ctx.addIssue({ code: 'custom', message: 'an enum field needs enumValues', path: ['enumValues'] });
    if (f.type === 'reference' && !f.references)
      ctx.addIssue({
        code: 'custom',
        message: 'a reference field needs `references`, the name of the entity it belongs to',
        path: ['references'],
      });
    if (f.type !== 'reference' && (f.references !== undefined || f.onDelete !== undefined))
      ctx.addIssue({
        code: 'custom',
        message: '`references` and `onDelete` belong to reference fields only',
        path: ['references'],
      });
    if (f.type === 'reference' && f.required && f.onDelete === 'set_null')
      ctx.addIssue({
        code: 'custom',
        message: 'a required reference cannot be cleared; use cascade or restrict',
        path: ['onDelete'],
      });
    if (f.min !== undefined && f.max !== undefined && f.min > f.max)
      ctx.addIssue({ code: 'custom', message: 'min must not exceed max', path: ['min'] });
    const backfillIssue = f.backfill === undefined ? null : valueProblem(f, f.backfill, 'backfill');
    if (backfillIssue) ctx.addIssue({ code: 'custom', message: backfillIssue, path: ['backfill'] });
    if (f.renamedFrom !== undefined && f.renamedFrom === f.name)
      ctx.addIssue({
        code: 'custom',
        message: 'renamedFrom names the field itself; remove it',
        path: ['renamedFrom'],
      });
    const defaultProblem = f.default === undefined ? null : valueProblem(f, f.default, 'default');
    if (defaultProblem) ctx.addIssue({ code: 'custom', message: defaultProblem, path: ['default'] });
  });
export type EntityField = z.infer<typeof EntityField>;

/** Why a field's default or backfill value cannot fill its column, or null when it can. */
function valueProblem(
  f: { type: FieldType; enumValues?: string[] },
  value: string | number | boolean,
  role: 'default' | 'backfill',
): string | null {
  switch (f.type) {
    case 'reference':
      return role === 'backfill'
        ? 'a reference cannot be backfilled (existing rows have nothing to point at); add it as optional'
        : 'a reference field takes no default; records choose what they belong to';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'a boolean field needs true or false';
    case 'integer':
      return Number.isInteger(value) ? null : 'an integer field needs a whole number';
    case 'number':
      return typeof value === 'number' ? null : 'a number field needs a number';
    case 'enum':
      return typeof value === 'string' && (f.enumValues ?? []).includes(value)
        ? null
        : `the ${role} ${JSON.stringify(value)} is not one of the enumValues (${(f.enumValues ?? []).join(', ')})`;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? null
        : 'a date field needs YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? null
        : 'a datetime field needs an ISO 8601 timestamp';
    default:
      return typeof value === 'string' ? null : 'a text field needs a string';
  }
}

/**
 * The value rows that already exist get when this field is added as required (or becomes
 * required): its `backfill`, else its `default`, else none.
 */
export function backfillOf(
  field: Pick<EntityField, 'backfill' | 'default'>,
): string | number | boolean | undefined {
  return field.backfill ?? field.default;
}

/** The delete rule a reference field declares, with its default. */
export function onDeleteRule(field: Pick<EntityField, 'required' | 'onDelete'>): OnDelete {
  return field.onDelete ?? (field.required ? 'restrict' : 'set_null');
}

export const Entity = z
  .object({
    name: EntityName,
    description: boundedText(500).default(''),
    fields: z.array(EntityField).min(1).max(30),
  })
  .refine((e) => new Set(e.fields.map((f) => f.name)).size === e.fields.length, {
    message: 'field names must be unique',
    path: ['fields'],
  });
export type Entity = z.infer<typeof Entity>;

export const UserStory = z.object({
  asA: boundedText(120),
  iWant: boundedText(500),
  soThat: boundedText(500),
  entity: EntityName.optional(),
});
export type UserStory = z.infer<typeof UserStory>;

export const PageKind = z.enum(['landing', 'list', 'detail', 'form', 'dashboard']);

export const Page = z.object({
  path: z.string().regex(/^\/[a-z0-9/-]*$/, 'must be an absolute path of lowercase letters, digits, / and -'),
  title: boundedText(120),
  kind: PageKind,
  entity: EntityName.optional(),
});
export type Page = z.infer<typeof Page>;

/** The structured MVP: what the template generators turn into migrations, routes and pages. */
export const MvpSpec = z
  .object({
    name: boundedText(120),
    tagline: boundedText(200),
    problem: boundedText(2000),
    solution: boundedText(2000),
    entities: z.array(Entity).min(1).max(20),
    userStories: z.array(UserStory).min(1).max(50),
    pages: z.array(Page).min(1).max(50),
    draftedOffline: z.boolean().default(false),
    /** Set by the offline drafter when no catalogue industry fit the idea: the spec is generic. */
    genericDraft: boundedText(300).optional(),
  })
  .superRefine((spec, ctx) => {
    const names = spec.entities.map((e) => e.name.toLowerCase());
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', message: 'entity names must be unique', path: ['entities'] });
    }
    const known = new Set(spec.entities.map((e) => e.name));
    spec.entities.forEach((entity, i) => {
      entity.fields.forEach((field, j) => {
        if (field.type === 'reference' && field.references && !known.has(field.references)) {
          ctx.addIssue({
            code: 'custom',
            message: `references unknown entity ${field.references}; name one of ${[...known].join(', ')}`,
            path: ['entities', i, 'fields', j, 'references'],
          });
        }
      });
    });
    spec.pages.forEach((page, i) => {
      if (page.entity && !known.has(page.entity)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown entity ${page.entity}`,
          path: ['pages', i, 'entity'],
        });
      }
    });
  });
export type MvpSpec = z.infer<typeof MvpSpec>;
export type MvpSpecInput = z.input<typeof MvpSpec>;
