import 'package:flutter_test/flutter_test.dart';
import 'package:{{ cookiecutter.dart_package }}/entity_descriptor.dart';
import 'package:{{ cookiecutter.dart_package }}/format.dart';
import 'package:{{ cookiecutter.dart_package }}/validation.dart';

FieldDescriptor field(String type, {bool required = true, int? maxLength, num? min, num? max}) {
  return FieldDescriptor(
    name: 'value',
    label: 'Value',
    type: type,
    required: required,
    enumValues: const ['open', 'on_hold'],
    maxLength: maxLength,
    min: min,
    max: max,
  );
}

void main() {
  test('required text must hold more than blanks, and is judged trimmed', () {
    expect(validateText(field('string'), '   '), 'Required');
    expect(validateText(field('string', required: false), '   '), isNull);
    expect(storedValue(field('string'), '  Ada  '), 'Ada');
    expect(storedValue(field('string', required: false), '  '), isNull);
  });

  test('text is limited to 200 characters for a line and 5000 for text, unless the spec says', () {
    expect(validateText(field('string'), 'x' * 200), isNull);
    expect(validateText(field('string'), 'x' * 201), isNotNull);
    expect(validateText(field('text'), 'x' * 5000), isNull);
    expect(validateText(field('text'), 'x' * 5001), isNotNull);
    expect(validateText(field('string', maxLength: 5), 'abcdef'), isNotNull);
  });

  test('numbers must parse and stay within min and max', () {
    expect(validateText(field('integer'), '2.5'), 'Enter a whole number');
    expect(validateText(field('integer', min: 1, max: 10), '0'), 'At least 1');
    expect(validateText(field('integer', min: 1, max: 10), '11'), 'At most 10');
    expect(validateText(field('integer', min: 1, max: 10), '10'), isNull);
    expect(validateText(field('number', min: 0), '-0.5'), isNotNull);
    expect(validateText(field('number'), 'abc'), 'Enter a number');
    expect(storedValue(field('number'), '2.5'), 2.5);
    expect(storedValue(field('integer'), '7'), 7);
  });

  test('emails, web addresses and choices are checked', () {
    expect(validateText(field('email'), 'ada@example.com'), isNull);
    expect(validateText(field('email'), 'ada@example'), isNotNull);
    expect(storedValue(field('email'), 'Ada@Example.com'), 'ada@example.com');
    expect(validateText(field('url'), 'https://example.com/a'), isNull);
    expect(validateText(field('url'), 'ftp://example.com'), isNotNull);
    expect(validatePicked(field('enum'), 'on_hold'), isNull);
    expect(validatePicked(field('enum'), 'closed'), isNotNull);
    expect(validatePicked(field('reference'), null), 'Required');
    expect(validatePicked(field('reference', required: false), null), isNull);
  });

  test('dates are calendar days, stored and shown without a time zone shift', () {
    expect(validateText(field('date'), '2026-02-28'), isNull);
    expect(validateText(field('date'), '2026-02-30'), isNotNull);
    expect(validateText(field('date'), '28/02/2026'), isNotNull);
    expect(calendarDate(DateTime(2026, 1, 2, 23, 59)), '2026-01-02');
    expect(formatDate('2026-01-02'), '2 Jan 2026');
  });
}
