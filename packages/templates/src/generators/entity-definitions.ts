import {
  type CodeSlots,
  DatabaseNamespace,
  type Entity,
  type EntityField,
  type MvpSpec,
  onDeleteRule,
} from '@startup-factory/contracts';
import { jsLiteral } from '../render/literals';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { columnName, entityNames, label } from './naming';
import { sampleData } from './sample-data';
import { maxLengthOf, sqlMigration } from './sql-migration';
import { webRuntimeFiles } from './web-runtime';

const UNITS: Record<string, string> = { usd: 'USD', eur: 'EUR', gbp: 'GBP', kg: 'kg', km: 'km', cm: 'cm' };

/** `feeUsd` -> `Fee (USD)`, `weightKg` -> `Weight (kg)`, `patientId` -> `Patient`. */
export function fieldLabel(name: string): string {
  const text = label(name.replace(/Id$/, ''));
  const unit = /^(.+) (usd|eur|gbp|kg|km|cm)$/.exec(text);
  return unit?.[1] && unit[2] ? `${unit[1]} (${UNITS[unit[2]]})` : text;
}

const TITLE_NAMES = ['title', 'name', 'fullName', 'companyName', 'label', 'subject', 'headline'];

/** The field that names a record: a title-like name first, then the first required line of text. */
export function titleFieldOf(entity: Entity): EntityField {
  const fields = entity.fields;
  return (
    TITLE_NAMES.map((n) => fields.find((f) => f.name === n && f.type === 'string')).find(Boolean) ??
    fields.find((f) => f.type === 'string' && f.required) ??
    fields.find((f) => f.type === 'string' || f.type === 'email') ??
    // A visit with a reason reads better as "Annual check-up" than as its status.
    fields.find((f) => f.type === 'text' && f.required) ??
    fields.find((f) => f.type === 'enum' || f.type === 'text') ??
    fields.find((f) => f.type !== 'reference' && f.type !== 'boolean') ??
    (fields[0] as EntityField)
  );
}

/** The runtime description of an entity that generic CRUD, validation and UI read; every rule explicit. */
export function entityDefinitions(spec: MvpSpec, slots: CodeSlots) {
  return Object.fromEntries(
    spec.entities.map((entity) => {
      const names = entityNames(entity);
      return [
        entity.name,
        {
          name: entity.name,
          table: names.table,
          route: names.route,
          label: names.label,
          pluralLabel: names.pluralLabel,
          description: slots.entityDescriptions[entity.name] ?? entity.description,
          titleField: titleFieldOf(entity).name,
          fields: entity.fields.map((field) => {
            const maxLength = maxLengthOf(field);
            return {
              name: field.name,
              column: columnName(field),
              type: field.type,
              required: field.required,
              label: fieldLabel(field.name),
              description: field.description,
              ...(field.enumValues ? { enumValues: field.enumValues } : {}),
              ...(field.type === 'reference'
                ? { references: field.references, onDelete: onDeleteRule(field) }
                : {}),
              ...(maxLength !== undefined ? { maxLength } : {}),
              ...(field.min !== undefined ? { min: field.min } : {}),
              ...(field.max !== undefined ? { max: field.max } : {}),
            };
          }),
        },
      ];
    }),
  );
}

/** `entities.ts`: the spec's entities as typed data. User text is JSON-encoded, never spliced as code. */
export function entitiesModule(spec: MvpSpec, slots: CodeSlots, namespace: string): string {
  const names = spec.entities.map((e) => jsLiteral(e.name)).join(' | ');
  return [
    '// Generated from the MVP spec; edit the spec and regenerate rather than this file.',
    "import type { EntityDef } from './entity-types';",
    '',
    '/** The database schema the factory allocated; APP_DB_SCHEMA overrides it. */',
    `export const allocatedSchema = ${jsLiteral(DatabaseNamespace.parse(namespace))};`,
    '',
    `export type EntityName = ${names};`,
    '',
    `export const entities: Record<EntityName, EntityDef> = ${jsLiteral(entityDefinitions(spec, slots), 2)};`,
    '',
    'export const entityList: EntityDef[] = Object.values(entities);',
    '',
  ].join('\n');
}

/**
 * The spec's pages as links to routes the generators write: a list or detail page of an entity
 * goes to its list, a form to its form, anything else to the home page. Every entity list is
 * reachable even if the spec forgot it.
 */
export function navigation(spec: MvpSpec): { title: string; href: string }[] {
  const routes = new Map(spec.entities.map((e) => [e.name, entityNames(e)]));
  const links = new Map<string, string>();
  for (const page of spec.pages) {
    const names = page.entity ? routes.get(page.entity) : undefined;
    const href =
      page.kind === 'dashboard'
        ? '/dashboard'
        : !names
          ? '/'
          : page.kind === 'form'
            ? `/${names.route}/new`
            : `/${names.route}`;
    if (!links.has(href)) links.set(href, page.title);
  }
  for (const names of routes.values())
    if (!links.has(`/${names.route}`)) links.set(`/${names.route}`, names.pluralLabel);
  if (!links.has('/dashboard')) links.set('/dashboard', 'Dashboard');
  if (!links.has('/')) links.set('/', spec.name);
  const home = links.get('/') ?? spec.name;
  links.delete('/');
  return [{ title: home, href: '/' }, ...[...links].map(([href, title]) => ({ title, href }))];
}

/** `content.ts`: the typed copy slots, the spec's user stories and its pages as navigation, as data. */
export function contentModule(spec: MvpSpec, slots: CodeSlots): string {
  const content = {
    name: spec.name,
    headline: slots.headline,
    tagline: slots.tagline,
    heroCopy: slots.heroCopy,
    // One card per entity: the landing page names only what the app does, whatever the copy says.
    features: spec.entities.map((entity) => ({
      title: entityNames(entity).pluralLabel,
      description: slots.entityDescriptions[entity.name] ?? entity.description,
    })),
    callToAction: slots.callToAction,
    problem: spec.problem,
    solution: spec.solution,
    userStories: spec.userStories,
    navigation: navigation(spec),
    draftedOffline: spec.draftedOffline || slots.draftedOffline,
  };
  return [
    '// Generated from the MVP spec and the copy slots.',
    `export const content = ${jsLiteral(content, 2)} as const;`,
    '',
  ].join('\n');
}

/**
 * The files every web template generates alike: the shared runtime (data layer, JSON API,
 * validation, the app's tests), the first migration, typed entity data, copy and sample data.
 */
export function webCommonFiles({ spec, slots, namespace }: GeneratorInput): GeneratedFile[] {
  return [
    ...webRuntimeFiles(),
    { path: 'db/migrations/001_init.sql', content: sqlMigration(spec) },
    { path: 'db/sample-data.json', content: `${JSON.stringify(sampleData(spec), null, 2)}\n` },
    { path: 'lib/entities.ts', content: entitiesModule(spec, slots, namespace) },
    { path: 'lib/content.ts', content: contentModule(spec, slots) },
  ];
}
