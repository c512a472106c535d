/// The shape of one entity from the MVP spec, read by the generic data screens.
class FieldDescriptor {
  const FieldDescriptor({
    required this.name,
    required this.label,
    required this.type,
    required this.required,
    this.enumValues = const [],
  });

  final String name;
  final String label;
  final String type;
  final bool required;
  final List<String> enumValues;
}

class EntityDescriptor {
  const EntityDescriptor({
    required this.name,
    required this.collection,
    required this.label,
    required this.pluralLabel,
    required this.description,
    required this.fields,
  });

  final String name;
  final String collection;
  final String label;
  final String pluralLabel;
  final String description;
  final List<FieldDescriptor> fields;
}
