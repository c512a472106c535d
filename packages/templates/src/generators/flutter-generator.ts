import { type Entity, type EntityField, type MvpSpec, onDeleteRule } from '@startup-factory/contracts';
import { dartLiteral } from '../render/literals';
import { className, DART_HEADER, dartName } from './dart-naming';
import { titleFieldOf } from './entity-definitions';
import { firestoreRules } from './firestore-rules';
import { entitiesTest, modelsTest } from './flutter-tests';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { entityNames, label } from './naming';
import { maxLengthOf } from './sql-migration';

/** A field's label; a reference called `patientId` reads "Patient". */
const fieldLabel = (field: EntityField) =>
  label(field.type === 'reference' ? field.name.replace(/Id$/, '') : field.name);

function dartType(field: EntityField): string {
  const base =
    field.type === 'integer'
      ? 'int'
      : field.type === 'number'
        ? 'double'
        : field.type === 'boolean'
          ? 'bool'
          : 'String';
  return field.required ? base : `${base}?`;
}

function fromMapExpression(field: EntityField): string {
  const read = `map[${dartLiteral(field.name)}]`;
  if (field.type === 'number')
    return field.required ? `(${read} as num).toDouble()` : `(${read} as num?)?.toDouble()`;
  return `${read} as ${dartType(field)}`;
}

/** What a field's value means, for the model's doc comments. */
function fieldDoc(field: EntityField): string | null {
  if (field.type === 'reference') return `The id of the ${field.references} this belongs to.`;
  if (field.type === 'date') return 'A calendar date, `YYYY-MM-DD`, in no time zone.';
  if (field.type === 'datetime') return 'An instant, ISO 8601 in UTC.';
  if (field.type === 'enum') return `One of ${field.enumValues?.join(', ')}.`;
  return null;
}

function model(entity: Entity): string {
  const fields = entity.fields;
  const cls = className(entity.name);
  const params = fields.map((f) => `${f.required ? 'required ' : ''}this.${dartName(f.name)}`);
  return [
    DART_HEADER,
    `/// ${label(entity.name)}: one document of the \`${entityNames(entity).table}\` collection, typed`,
    '/// for code of your own; the generic screens read `lib/entities.dart` instead.',
    `class ${cls} {`,
    `  const ${cls}({this.id, ${params.join(', ')}});`,
    '',
    '  final String? id;',
    ...fields.flatMap((f) => {
      const doc = fieldDoc(f);
      return [...(doc ? [`  /// ${doc}`] : []), `  final ${dartType(f)} ${dartName(f.name)};`];
    }),
    '',
    `  factory ${cls}.fromMap(String? id, Map<String, dynamic> map) {`,
    `    return ${cls}(`,
    '      id: id,',
    ...fields.map((f) => `      ${dartName(f.name)}: ${fromMapExpression(f)},`),
    '    );',
    '  }',
    '',
    '  Map<String, dynamic> toMap() {',
    '    return <String, dynamic>{',
    ...fields.map((f) => `      ${dartLiteral(f.name)}: ${dartName(f.name)},`),
    '    };',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** One `FieldDescriptor(...)`: every rule of the spec spelled out, defaults included. */
function fieldDescriptor(field: EntityField): string {
  const args = [
    `name: ${dartLiteral(field.name)}`,
    `label: ${dartLiteral(fieldLabel(field))}`,
    `type: ${dartLiteral(field.type)}`,
    `required: ${field.required}`,
  ];
  if (field.description) args.push(`description: ${dartLiteral(field.description)}`);
  if (field.enumValues?.length) args.push(`enumValues: [${field.enumValues.map(dartLiteral).join(', ')}]`);
  if (field.type === 'reference') {
    args.push(
      `references: ${dartLiteral(field.references)}`,
      `onDelete: ${dartLiteral(onDeleteRule(field))}`,
    );
  }
  const maxLength = maxLengthOf(field);
  if (maxLength !== undefined) args.push(`maxLength: ${maxLength}`);
  if (field.type === 'integer' || field.type === 'number') {
    if (field.min !== undefined) args.push(`min: ${field.min}`);
    if (field.max !== undefined) args.push(`max: ${field.max}`);
  }
  return ['    FieldDescriptor(', ...args.map((a) => `      ${a},`), '    ),'].join('\n');
}

function descriptor(entity: Entity, description: string): string {
  const names = entityNames(entity);
  return [
    `const ${names.variable}Entity = EntityDescriptor(`,
    `  name: ${dartLiteral(entity.name)},`,
    `  collection: ${dartLiteral(names.table)},`,
    `  label: ${dartLiteral(names.label)},`,
    `  pluralLabel: ${dartLiteral(names.pluralLabel)},`,
    `  description: ${dartLiteral(description)},`,
    `  titleField: ${dartLiteral(titleFieldOf(entity).name)},`,
    '  fields: [',
    ...entity.fields.map(fieldDescriptor),
    '  ],',
    ');',
    '',
  ].join('\n');
}

function entitiesModule(spec: MvpSpec, descriptions: Record<string, string>): string {
  const all = spec.entities.map((e) => `${entityNames(e).variable}Entity`).join(', ');
  return [
    DART_HEADER,
    "import 'entity_descriptor.dart';",
    '',
    ...spec.entities.map((e) => descriptor(e, descriptions[e.name] ?? e.description)),
    '/// Every entity of the MVP spec, in its order: the tiles of the home screen.',
    `const allEntities = [${all}];`,
    '',
  ].join('\n');
}

function contentModule({ slots }: GeneratorInput): string {
  const features = slots.features
    .map((f) => `  Feature(title: ${dartLiteral(f.title)}, description: ${dartLiteral(f.description)}),`)
    .join('\n');
  return [
    DART_HEADER,
    `const headline = ${dartLiteral(slots.headline)};`,
    `const tagline = ${dartLiteral(slots.tagline)};`,
    `const heroCopy = ${dartLiteral(slots.heroCopy)};`,
    `const callToAction = ${dartLiteral(slots.callToAction)};`,
    '',
    'class Feature {',
    '  const Feature({required this.title, required this.description});',
    '  final String title;',
    '  final String description;',
    '}',
    '',
    `const features = <Feature>[\n${features}\n];`,
    '',
  ].join('\n');
}

/**
 * fluttermobile: the spec's entities as descriptors the generic screens read (list, detail, form,
 * delete rules), a typed model per entity, the copy slots, tests of the models and the rules, and
 * the Firestore security rules that keep each workspace's records to its members.
 */
export function generateFlutter(input: GeneratorInput): GeneratedFile[] {
  const { spec, slots } = input;
  const dartPackage = String(input.variables.dart_package);
  const files: GeneratedFile[] = [
    { path: 'lib/entities.dart', content: entitiesModule(spec, slots.entityDescriptions) },
    { path: 'lib/content.dart', content: contentModule(input) },
    { path: 'test/models_test.dart', content: modelsTest(spec, dartPackage) },
    { path: 'test/entities_test.dart', content: entitiesTest(spec, dartPackage) },
    { path: 'firestore.rules', content: firestoreRules(spec) },
    {
      path: 'firebase.json',
      content: `${JSON.stringify({ firestore: { rules: 'firestore.rules' } }, null, 2)}\n`,
    },
  ];
  for (const entity of spec.entities) {
    files.push({ path: `lib/models/${entityNames(entity).file}.dart`, content: model(entity) });
  }
  return files;
}
