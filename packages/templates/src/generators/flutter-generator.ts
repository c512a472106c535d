import type { EntityField, MvpSpec } from '@startup-factory/contracts';
import { dartLiteral } from '../render/nunjucks-environment';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { entityNames, label } from './naming';

const header = '// Generated from the MVP spec by Startup Factory.';

/** Dart reserved and built-in words a spec's camelCase field name could collide with. */
const DART_RESERVED = new Set(
  (
    'abstract as assert async await base break case catch class const continue covariant default deferred do ' +
    'dynamic else enum export extends extension external factory false final finally for function get hide if ' +
    'implements import in interface is late library mixin new null of on operator part required rethrow return ' +
    'sealed set show static super switch sync this throw true try type typedef var void when while with yield ' +
    'toMap fromMap hashCode runtimeType toString noSuchMethod'
  ).split(' '),
);

/** dart:core names an entity class must not shadow. */
const DART_CORE = new Set(
  (
    'BigInt Comparable DateTime Duration Enum Error Exception Expando Finalizer Function Future Invocation ' +
    'Iterable Iterator List Map Match Never Null Object Pattern Record RegExp Runes Set Sink StackTrace ' +
    'Stopwatch Stream String Symbol Type Uri'
  ).split(' '),
);

/** The Dart class of an entity: its name, unless that shadows a dart:core type. */
const className = (name: string) => (DART_CORE.has(name) ? `${name}Record` : name);

/** The Dart identifier for a field; the map key stays the spec's name. */
const dartName = (name: string) => (DART_RESERVED.has(name) ? `${name}Value` : name);

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

function model(entity: MvpSpec['entities'][number]): string {
  const fields = entity.fields;
  const cls = className(entity.name);
  const params = fields.map((f) => `${f.required ? 'required ' : ''}this.${dartName(f.name)}`);
  return [
    header,
    `/// ${label(entity.name)}: one document of the \`${entityNames(entity).table}\` collection.`,
    `class ${cls} {`,
    `  const ${cls}({this.id, ${params.join(', ')}});`,
    '',
    '  final String? id;',
    ...fields.map((f) => `  final ${dartType(f)} ${dartName(f.name)};`),
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

function descriptor(entity: MvpSpec['entities'][number], description: string): string {
  const names = entityNames(entity);
  const fields = entity.fields.map((f) => {
    const values = f.enumValues?.length ? `, enumValues: [${f.enumValues.map(dartLiteral).join(', ')}]` : '';
    return `    FieldDescriptor(name: ${dartLiteral(f.name)}, label: ${dartLiteral(label(f.name))}, type: ${dartLiteral(f.type)}, required: ${f.required}${values}),`;
  });
  return [
    `const ${names.variable}Entity = EntityDescriptor(`,
    `  name: ${dartLiteral(entity.name)},`,
    `  collection: ${dartLiteral(names.table)},`,
    `  label: ${dartLiteral(names.label)},`,
    `  pluralLabel: ${dartLiteral(names.pluralLabel)},`,
    `  description: ${dartLiteral(description)},`,
    '  fields: [',
    ...fields,
    '  ],',
    ');',
    '',
  ].join('\n');
}

function screen(entity: MvpSpec['entities'][number]): string {
  const names = entityNames(entity);
  const widget = (kind: 'List' | 'Form') =>
    [
      `class ${entity.name}${kind}Screen extends StatelessWidget {`,
      `  const ${entity.name}${kind}Screen({super.key});`,
      '',
      '  @override',
      `  Widget build(BuildContext context) => const Entity${kind}Screen(entity: ${names.variable}Entity);`,
      '}',
    ].join('\n');
  return [
    header,
    "import 'package:flutter/material.dart';",
    '',
    "import '../entities.dart';",
    "import 'entity_form_screen.dart';",
    "import 'entity_list_screen.dart';",
    '',
    widget('List'),
    '',
    widget('Form'),
    '',
  ].join('\n');
}

function sampleDart(field: EntityField): string {
  switch (field.type) {
    case 'integer':
      return '3';
    case 'number':
      return '2.5';
    case 'boolean':
      return 'true';
    case 'enum':
      return dartLiteral(field.enumValues?.[0] ?? 'value');
    case 'date':
      return "'2026-01-02'";
    default:
      return dartLiteral(`sample ${field.name}`);
  }
}

function modelsTest(spec: MvpSpec): string {
  const lines = [header, "import 'package:flutter_test/flutter_test.dart';", ''];
  for (const entity of spec.entities) {
    const { file } = entityNames(entity);
    lines.push(`import '../lib/models/${file}.dart' as ${file}_model;`);
  }
  lines.push('', 'void main() {');
  for (const entity of spec.entities) {
    const prefix = `${entityNames(entity).file}_model`;
    const map = entity.fields.map((f) => `${dartLiteral(f.name)}: ${sampleDart(f)}`).join(', ');
    lines.push(
      `  test(${dartLiteral(`${entity.name} survives a map round trip`)}, () {`,
      `    final map = <String, dynamic>{${map}};`,
      `    expect(${prefix}.${className(entity.name)}.fromMap('x', map).toMap(), map);`,
      '  });',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** fluttermobile: a typed model, a descriptor and list/form screens per entity, copy slots, a model test. */
export function generateFlutter({ spec, slots }: GeneratorInput): GeneratedFile[] {
  const descriptors = spec.entities.map((e) =>
    descriptor(e, slots.entityDescriptions[e.name] ?? e.description),
  );
  const all = spec.entities.map((e) => `${entityNames(e).variable}Entity`).join(', ');
  const features = slots.features
    .map((f) => `  Feature(title: ${dartLiteral(f.title)}, description: ${dartLiteral(f.description)}),`)
    .join('\n');
  const files: GeneratedFile[] = [
    {
      path: 'lib/entities.dart',
      content: [
        header,
        "import 'entity_descriptor.dart';",
        '',
        ...descriptors,
        `const allEntities = [${all}];`,
        '',
      ].join('\n'),
    },
    {
      path: 'lib/content.dart',
      content: [
        header,
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
      ].join('\n'),
    },
    { path: 'test/models_test.dart', content: modelsTest(spec) },
  ];
  for (const entity of spec.entities) {
    const { file } = entityNames(entity);
    files.push(
      { path: `lib/models/${file}.dart`, content: model(entity) },
      { path: `lib/screens/${file}_screen.dart`, content: screen(entity) },
    );
  }
  return files;
}
