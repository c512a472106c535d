import { z } from 'zod';
import { boundedText } from './common';

/** Field names generated code adds itself; a spec may not declare them. */
export const RESERVED_FIELD_NAMES = ['id', 'createdAt', 'updatedAt'] as const;

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
]);
export type FieldType = z.infer<typeof FieldType>;

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
  })
  .refine((f) => f.type !== 'enum' || (f.enumValues?.length ?? 0) > 0, {
    message: 'an enum field needs enumValues',
    path: ['enumValues'],
  });
export type EntityField = z.infer<typeof EntityField>;

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
  })
  .superRefine((spec, ctx) => {
    const names = spec.entities.map((e) => e.name.toLowerCase());
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', message: 'entity names must be unique', path: ['entities'] });
    }
    const known = new Set(spec.entities.map((e) => e.name));
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
