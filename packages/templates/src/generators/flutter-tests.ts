import type { Entity, EntityField, MvpSpec } from '@startup-factory/contracts';
import { dartLiteral } from '../render/literals';
import { className, DART_HEADER } from './dart-naming';
import { entityNames } from './naming';
import { maxLengthOf } from './sql-migration';

const clamp = (n: number, field: EntityField) =>
  Math.min(Math.max(n, field.min ?? Number.NEGATIVE_INFINITY), field.max ?? Number.POSITIVE_INFINITY);

/** A Dart literal of a value that meets every rule of the field. */
function sampleDart(field: EntityField): string {
  switch (field.type) {
    case 'integer':
      return String(Math.ceil(clamp(3, field)));
    case 'number': {
      const n = clamp(2.5, field);
      return Number.isInteger(n) ? `${n}.0` : String(n);
    }
    case 'boolean':
      return 'true';
    case 'enum':
      return dartLiteral(field.enumValues?.[0] ?? 'value');
    case 'date':
      return "'2026-01-02'";
    case 'datetime':
      return "'2026-01-02T03:04:05.000Z'";
    case 'email':
      return "'someone@example.com'";
    case 'url':
      return "'https://example.com/'";
    case 'reference':
      return dartLiteral(`sample-${entityNames({ name: field.references ?? 'record' }).file}-id`);
    default:
      return dartLiteral(`sample ${field.name}`.slice(0, maxLengthOf(field)));
  }
}

const sampleMap = (entity: Entity) =>
  `<String, dynamic>{${entity.fields.map((f) => `${dartLiteral(f.name)}: ${sampleDart(f)}`).join(', ')}}`;

const imports = (dartPackage: string, libraries: string[]) =>
  libraries.map((lib) => `import ${dartLiteral(`package:${dartPackage}/${lib}`)};`);

/** `test/models_test.dart`: each typed model survives a round trip through its Firestore map. */
export function modelsTest(spec: MvpSpec, dartPackage: string): string {
  const lines = [DART_HEADER, "import 'package:flutter_test/flutter_test.dart';"];
  for (const entity of spec.entities) {
    const { file } = entityNames(entity);
    lines.push(`import ${dartLiteral(`package:${dartPackage}/models/${file}.dart`)} as ${file}_model;`);
  }
  lines.push('', 'void main() {');
  for (const entity of spec.entities) {
    const prefix = `${entityNames(entity).file}_model`;
    lines.push(
      `  test(${dartLiteral(`${entity.name} survives a map round trip`)}, () {`,
      `    final map = ${sampleMap(entity)};`,
      `    expect(${prefix}.${className(entity.name)}.fromMap('x', map).toMap(), map);`,
      '  });',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

/**
 * `test/entities_test.dart`: per entity, a sample record meets the spec, and a blank required
 * field, text over its limit, a number out of range and an unknown choice are refused.
 */
export function entitiesTest(spec: MvpSpec, dartPackage: string): string {
  return [
    DART_HEADER,
    "import 'package:flutter_test/flutter_test.dart';",
    ...imports(dartPackage, ['entities.dart', 'entity_descriptor.dart', 'validation.dart']),
    '',
    '/// A record of each entity that meets every rule of the spec.',
    'final samples = <EntityDescriptor, Map<String, dynamic>>{',
    ...spec.entities.map((e) => `  ${entityNames(e).variable}Entity: ${sampleMap(e)},`),
    '};',
    '',
    'void main() {',
    '  for (final MapEntry(key: entity, value: sample) in samples.entries) {',
    '    group(entity.name, () {',
    "      test('accepts a record that meets the spec', () {",
    '        for (final field in entity.fields) {',
    '          expect(validateValue(field, sample[field.name]), isNull, reason: field.name);',
    '        }',
    '      });',
    '',
    "      test('refuses a blank required field', () {",
    "        for (final field in entity.fields.where((f) => f.required && f.type != 'boolean')) {",
    "          expect(validateValue(field, textBoxTypes.contains(field.type) ? '  ' : null), isNotNull,",
    '              reason: field.name);',
    '        }',
    '      });',
    '',
    "      test('refuses text over its limit, numbers out of range and unknown choices', () {",
    '        for (final field in entity.fields) {',
    '          final maxLength = field.maxLength;',
    '          final min = field.min;',
    '          final max = field.max;',
    "          if (maxLength != null) expect(validateText(field, 'x' * (maxLength + 1)), isNotNull);",
    '          if (min != null) expect(validateText(field, (min - 1).toString()), isNotNull, reason: field.name);',
    '          if (max != null) expect(validateText(field, (max + 1).toString()), isNotNull, reason: field.name);',
    "          if (field.type == 'enum') expect(validatePicked(field, 'not a choice'), isNotNull);",
    '        }',
    '      });',
    '    });',
    '  }',
    '}',
    '',
  ].join('\n');
}
