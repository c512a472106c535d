import 'entity_descriptor.dart';
import 'validation.dart';

const _months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/// The text shown for [value] of [field]. A reference shows its record's title instead; the
/// screens look that up.
String formatValue(FieldDescriptor field, Object? value) {
  if (value == null || value == '') return '—';
  switch (field.type) {
    case 'boolean':
      return value == true ? 'Yes' : 'No';
    case 'date':
      return formatDate('$value');
    case 'datetime':
      return formatDateTime('$value');
    case 'enum':
      return '$value'.replaceAll('_', ' ');
    default:
      return '$value';
  }
}

/// A stored calendar date `2026-01-02` as `2 Jan 2026`, read without any time zone.
String formatDate(String stored) {
  if (!isCalendarDate(stored)) return stored;
  final parts = stored.split('-').map(int.parse).toList();
  return '${parts[2]} ${_months[parts[1] - 1]} ${parts[0]}';
}

/// A stored instant (ISO 8601, UTC) in the device's local time: `2 Jan 2026, 09:30`.
String formatDateTime(String stored) {
  final instant = DateTime.tryParse(stored)?.toLocal();
  if (instant == null) return stored;
  final hour = instant.hour.toString().padLeft(2, '0');
  final minute = instant.minute.toString().padLeft(2, '0');
  return '${instant.day} ${_months[instant.month - 1]} ${instant.year}, $hour:$minute';
}

/// The name of [record] in lists, dropdowns and headings: its title field, or a placeholder.
String recordTitle(EntityDescriptor entity, Map<String, dynamic> record) {
  final value = record[entity.titleField];
  if (value == null || '$value'.trim().isEmpty) return 'Untitled ${entity.label.toLowerCase()}';
  return formatValue(entity.field(entity.titleField), value);
}
