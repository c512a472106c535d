import 'entities.dart';
import 'entity_descriptor.dart';

/// A reference field of [entity] that points at the records of another entity.
class EntityLink {
  const EntityLink(this.entity, this.field);

  final EntityDescriptor entity;
  final FieldDescriptor field;
}

/// The entity called [name] in the MVP spec.
EntityDescriptor entityNamed(String name) => allEntities.firstWhere((e) => e.name == name);

/// Every reference, in any entity, that points at [target]: the related lists of its detail
/// screen and the references its delete rules apply to.
List<EntityLink> linksTo(EntityDescriptor target) => [
      for (final entity in allEntities)
        for (final field in entity.fields)
          if (field.references == target.name) EntityLink(entity, field),
    ];
