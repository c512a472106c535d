import 'entity_descriptor.dart';

/// Field types entered in a text box; the others are picked (a switch, a dropdown, a date and time).
const textBoxTypes = {'string', 'text', 'email', 'url', 'integer', 'number', 'date'};

final _integer = RegExp(r'^[-+]?\d+$');
final _email = RegExp(r'^[^@\s]+@[^@\s]+\.[^@\s]+$');
final _date = RegExp(r'^(\d{4})-(\d{2})-(\d{2})$');

/// The longest text [field] accepts: the spec's limit, else one line (200) or a few paragraphs (5000).
int maxLengthOf(FieldDescriptor field) => field.maxLength ?? (field.type == 'text' ? 5000 : 200);

/// Why [input], typed into [field]'s text box, is not acceptable; null when it is.
/// The text is judged trimmed, as it is stored.
String? validateText(FieldDescriptor field, String input) {
  final text = input.trim();
  if (text.isEmpty) return field.required ? 'Required' : null;
  switch (field.type) {
    case 'integer':
      final whole = _integer.hasMatch(text) ? int.tryParse(text) : null;
      if (whole == null) return 'Enter a whole number';
      return _checkRange(field, whole);
    case 'number':
      final number = double.tryParse(text);
      if (number == null || !number.isFinite) return 'Enter a number';
      return _checkRange(field, number);
    case 'email':
      return text.length <= 254 && _email.hasMatch(text) ? null : 'Enter an email address';
    case 'url':
      return _isWebAddress(text) ? null : 'Enter a web address starting with http:// or https://';
    case 'date':
      return isCalendarDate(text) ? null : 'Enter a date as YYYY-MM-DD';
    default:
      final max = maxLengthOf(field);
      return text.length > max ? 'At most $max characters (now ${text.length})' : null;
  }
}

/// Why [value], picked for [field] (a choice, a record, a date and time), is not acceptable;
/// null when it is.
String? validatePicked(FieldDescriptor field, Object? value) {
  if (value == null || value == '') return field.required ? 'Required' : null;
  if (field.type == 'enum' && !field.enumValues.contains(value)) {
    return 'Choose one of ${field.enumValues.join(', ')}';
  }
  if (field.type == 'datetime' && DateTime.tryParse('$value') == null) return 'Choose a date and time';
  return null;
}

/// Why [value] is not acceptable for [field], whichever way it is entered; null when it is.
String? validateValue(FieldDescriptor field, Object? value) {
  if (textBoxTypes.contains(field.type)) return validateText(field, value == null ? '' : '$value');
  return validatePicked(field, value);
}

/// What is stored for [input] typed into [field]'s text box: trimmed text, a number, or null when
/// blank. Call it once [validateText] has accepted the input.
Object? storedValue(FieldDescriptor field, String input) {
  final text = input.trim();
  if (text.isEmpty) return null;
  switch (field.type) {
    case 'integer':
      return int.parse(text);
    case 'number':
      return double.parse(text);
    case 'email':
      return text.toLowerCase();
    default:
      return text;
  }
}

/// True for a real calendar day written YYYY-MM-DD: `2026-02-30` is refused, not rolled into March.
bool isCalendarDate(String text) {
  final match = _date.firstMatch(text);
  if (match == null) return false;
  final year = int.parse(match.group(1)!);
  final month = int.parse(match.group(2)!);
  final day = int.parse(match.group(3)!);
  final date = DateTime.utc(year, month, day);
  return date.year == year && date.month == month && date.day == day;
}

/// The day [picked] as stored, `2026-01-02`: the calendar day the user chose, in no time zone,
/// so it reads the same everywhere.
String calendarDate(DateTime picked) {
  final month = picked.month.toString().padLeft(2, '0');
  final day = picked.day.toString().padLeft(2, '0');
  return '${picked.year.toString().padLeft(4, '0')}-$month-$day';
}

String? _checkRange(FieldDescriptor field, num value) {
  final min = field.min;
  final max = field.max;
  if (min != null && value < min) return 'At least $min';
  if (max != null && value > max) return 'At most $max';
  return null;
}

bool _isWebAddress(String text) {
  if (text.length > 2048) return false;
  final uri = Uri.tryParse(text);
  return uri != null && (uri.scheme == 'http' || uri.scheme == 'https') && uri.host.isNotEmpty;
}
