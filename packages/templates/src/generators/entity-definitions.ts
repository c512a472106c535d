import type { CodeSlots, EntityField, MvpSpec } from '@startup-factory/contracts';
import { jsLiteral } from '../render/nunjucks-environment';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { columnName, entityNames, label } from './naming';
import { sqlMigration } from './sql-migration';

/** The runtime description of an entity that generic CRUD, validation and UI read. */
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
          fields: entity.fields.map((field) => ({
            name: field.name,
            column: columnName(field),
            type: field.type,
            required: field.required,
            label: label(field.name),
            description: field.description,
            ...(field.enumValues ? { enumValues: field.enumValues } : {}),
          })),
        },
      ];
    }),
  );
}

/** `entities.ts`: the spec's entities as typed data. User text is JSON-encoded, never spliced as code. */
export function entitiesModule(spec: MvpSpec, slots: CodeSlots, typesImport: string): string {
  const names = spec.entities.map((e) => jsLiteral(e.name)).join(' | ');
  return [
    '// Generated from the MVP spec; edit the spec and regenerate rather than this file.',
    `import type { EntityDef } from ${jsLiteral(typesImport)};`,
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
    const href = !names ? '/' : page.kind === 'form' ? `/${names.route}/new` : `/${names.route}`;
    if (!links.has(href)) links.set(href, page.title);
  }
  for (const names of routes.values())
    if (!links.has(`/${names.route}`)) links.set(`/${names.route}`, names.pluralLabel);
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
    features: slots.features,
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

/** A value of the right type for a field, for generated tests. */
export function sampleValue(field: EntityField): unknown {
  switch (field.type) {
    case 'integer':
      return 3;
    case 'number':
      return 2.5;
    case 'boolean':
      return true;
    case 'date':
      return '2026-01-02';
    case 'datetime':
      return '2026-01-02T03:04:05.000Z';
    case 'email':
      return 'someone@example.com';
    case 'url':
      return 'https://example.com/';
    case 'enum':
      return field.enumValues?.[0] ?? 'value';
    default:
      return `Sample ${field.name}`;
  }
}

/** A generated vitest file: per entity, a full sample is accepted and a missing required field is not. */
export function entityTestsModule(spec: MvpSpec, importPrefix: string): string {
  const lines = [
    "import { describe, expect, it } from 'vitest';",
    `import { entities } from ${jsLiteral(`${importPrefix}/entities`)};`,
    `import { validateInput } from ${jsLiteral(`${importPrefix}/validation`)};`,
    '',
  ];
  for (const entity of spec.entities) {
    const sample = Object.fromEntries(entity.fields.map((f) => [f.name, sampleValue(f)]));
    const required = entity.fields.find((f) => f.required);
    lines.push(
      `describe(${jsLiteral(entity.name)}, () => {`,
      `  const entity = entities[${jsLiteral(entity.name)}];`,
      "  it('accepts a complete record', () => {",
      `    const result = validateInput(entity, ${jsLiteral(sample)}, false);`,
      '    expect(result.ok).toBe(true);',
      '  });',
    );
    if (required) {
      lines.push(
        `  it(${jsLiteral(`rejects a record without ${required.name}`)}, () => {`,
        `    const sample: Record<string, unknown> = ${jsLiteral(sample)};`,
        `    delete sample[${jsLiteral(required.name)}];`,
        '    const result = validateInput(entity, sample, false);',
        '    expect(result.ok).toBe(false);',
        '  });',
      );
    }
    lines.push('});', '');
  }
  return lines.join('\n');
}

/** The files every web template generates alike: migration, typed entity data, copy and their tests. */
export function webCommonFiles({ spec, slots, namespace }: GeneratorInput): GeneratedFile[] {
  return [
    { path: 'db/migrations/001_init.sql', content: sqlMigration(spec, namespace) },
    { path: 'lib/entities.ts', content: entitiesModule(spec, slots, './entity-types') },
    { path: 'lib/content.ts', content: contentModule(spec, slots) },
    { path: 'test/entities.test.ts', content: entityTestsModule(spec, '../lib') },
  ];
}
