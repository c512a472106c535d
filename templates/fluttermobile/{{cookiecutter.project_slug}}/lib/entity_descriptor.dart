/// One field of an entity from the MVP spec, as the generic screens, validation and delete
/// rules read it. `lib/entities.dart` holds this app's.
class FieldDescriptor {
  const FieldDescriptor({
    required this.name,
    required this.label,
    required this.type,
    required this.required,
    this.description = '',
    this.enumValues = const [],
    this.references,
    this.onDelete,
    this.maxLength,
    this.min,
    this.max,
  });

  /// The key of the value in each Firestore document.
  final String name;
  final String label;

  /// string, text, integer, number, boolean, date, datetime, email, url, enum or reference.
  final String type;
  final bool required;
  final String description;
  final List<String> enumValues;

  /// For a reference: the entity whose document id this field holds.
  final String? references;

  /// For a reference: what deleting the referenced record does to this one:
  /// `cascade` deletes it too, `restrict` refuses while it exists, `set_null` clears the field.
  final String? onDelete;

  /// For string and text: the longest value accepted, in characters.
  final int? maxLength;

  /// For integer and number: the smallest and largest values accepted.
  final num? min;
  final num? max;
}

/// One entity of the MVP spec: a Firestore collection and the fields of its documents.
class EntityDescriptor {
  const EntityDescriptor({
    required this.name,
    required this.collection,
    required this.label,
    required this.pluralLabel,
    required this.description,
    required this.titleField,
    required this.fields,
  });

  final String name;
  final String collection;
  final String label;
  final String pluralLabel;
  final String description;

  /// The field that names a record in lists, dropdowns and headings.
  final String titleField;
  final List<FieldDescriptor> fields;

  FieldDescriptor field(String name) => fields.firstWhere((f) => f.name == name);
}
