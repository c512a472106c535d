import 'package:cloud_firestore/cloud_firestore.dart';

import '../entity_descriptor.dart';
import '../entity_links.dart';
import 'firestore_repository.dart';

/// Everything deleting one record does, worked out before anything is written: the records its
/// `cascade` references delete too, the `set_null` references it clears, and the `restrict`
/// references that forbid it while they exist.
class DeletePlan {
  DeletePlan._();

  final _deletes = <String, DocumentReference<Map<String, dynamic>>>{};
  final _deletedEntities = <String, EntityDescriptor>{};
  final _clears = <String, _Clear>{};
  final _restricting = <_Restriction>[];

  /// Follows every reference that points at the record [id] of [entity], and at the records
  /// that deleting it deletes too.
  static Future<DeletePlan> prepare(EntityDescriptor entity, String id) async {
    final plan = DeletePlan._();
    await plan._collect(entity, id);
    return plan;
  }

  /// Why the delete is refused, or null when it may go ahead: records held by a `restrict`
  /// reference that the delete would not remove.
  String? get refusal {
    final held = <String, List<EntityLink>>{};
    for (final restriction in _restricting) {
      if (_deletes.containsKey(restriction.path)) continue;
      final link = restriction.link;
      held.putIfAbsent('${link.entity.name}.${link.field.name}', () => []).add(link);
    }
    if (held.isEmpty) return null;
    final described = [
      for (final links in held.values)
        '${links.length} ${_named(links.first.entity, links.length)} '
            '(by ${links.first.field.label.toLowerCase()})',
    ].join(', ');
    return 'Still in use by $described. Delete or change those first.';
  }

  /// What the delete does besides removing the record, for the confirmation dialog.
  String get consequences {
    final deleted = <EntityDescriptor, int>{};
    for (final entity in _deletedEntities.values.skip(1)) {
      deleted[entity] = (deleted[entity] ?? 0) + 1;
    }
    final clears = _clears.keys.where((path) => !_deletes.containsKey(path)).length;
    return [
      for (final MapEntry(key: entity, value: count) in deleted.entries)
        'Also deletes $count ${_named(entity, count)}.',
      if (clears > 0) 'Clears the reference in $clears other record${clears == 1 ? '' : 's'}.',
      'This cannot be undone.',
    ].join(' ');
  }

  /// Writes the plan: clears first, then deletes, in batches of Firestore's 500-write limit.
  /// Throws [StateError] when [refusal] is set.
  Future<void> commit() async {
    final refused = refusal;
    if (refused != null) throw StateError(refused);
    final writes = <void Function(WriteBatch batch)>[
      for (final clear in _clears.values)
        if (!_deletes.containsKey(clear.ref.path))
          (batch) => batch.update(clear.ref, {...clear.fields, 'updatedAt': FieldValue.serverTimestamp()}),
      for (final ref in _deletes.values) (batch) => batch.delete(ref),
    ];
    for (var start = 0; start < writes.length; start += 500) {
      final batch = FirebaseFirestore.instance.batch();
      for (final write in writes.skip(start).take(500)) {
        write(batch);
      }
      await batch.commit();
    }
  }

  Future<void> _collect(EntityDescriptor entity, String id) async {
    final ref = FirestoreRepository(entity).collection.doc(id);
    if (_deletes.containsKey(ref.path)) return;
    _deletes[ref.path] = ref;
    _deletedEntities[ref.path] = entity;
    for (final link in linksTo(entity)) {
      final dependents = await FirestoreRepository(link.entity)
          .collection
          .where(link.field.name, isEqualTo: id)
          .get();
      for (final doc in dependents.docs) {
        switch (link.field.onDelete) {
          case 'cascade':
            await _collect(link.entity, doc.id);
          case 'set_null':
            _clears.putIfAbsent(doc.reference.path, () => _Clear(doc.reference)).fields[link.field.name] = null;
          default:
            _restricting.add(_Restriction(doc.reference.path, link));
        }
      }
    }
  }
}

String _named(EntityDescriptor entity, int count) =>
    (count == 1 ? entity.label : entity.pluralLabel).toLowerCase();

class _Clear {
  _Clear(this.ref);

  final DocumentReference<Map<String, dynamic>> ref;
  final fields = <String, Object?>{};
}

class _Restriction {
  const _Restriction(this.path, this.link);

  final String path;
  final EntityLink link;
}
