import 'package:cloud_firestore/cloud_firestore.dart';

import '../entity_descriptor.dart';
import '../format.dart';
import 'workspace_session.dart';

/// How a list of records is filtered and ordered.
class ListQuery {
  const ListQuery({this.search = '', this.sortField = 'createdAt', this.descending = true});

  /// Keeps the records whose title starts with this text, ignoring case.
  final String search;
  final String sortField;
  final bool descending;

  ListQuery copyWith({String? search, String? sortField, bool? descending}) => ListQuery(
        search: search ?? this.search,
        sortField: sortField ?? this.sortField,
        descending: descending ?? this.descending,
      );
}

/// One page of records, and the cursor where the next page starts (null on the last page).
class RecordPage {
  const RecordPage(this.records, this.next);

  final List<Map<String, dynamic>> records;
  final DocumentSnapshot<Map<String, dynamic>>? next;
}

/// Reads and writes one entity's documents in its collection of the current workspace
/// (`workspaces/{id}/<collection>`). A record is the document's data plus its `id`; a reference
/// field holds the id of a document of the same workspace (firestore.rules checks it).
class FirestoreRepository {
  FirestoreRepository(this.entity);

  final EntityDescriptor entity;

  static const pageSize = 25;

  /// The most records a reference dropdown offers.
  static const optionLimit = 500;

  /// Holds the lowercased title: Firestore has no text search, but it can range over this key,
  /// which makes a case-insensitive "title starts with" search.
  static const searchKey = '_search';

  CollectionReference<Map<String, dynamic>> get collection =>
      WorkspaceSession.ref.collection(entity.collection);

  Query<Map<String, dynamic>> _filtered(ListQuery query) {
    final term = query.search.trim().toLowerCase();
    if (term.isEmpty) return collection.orderBy(query.sortField, descending: query.descending);
    return collection
        .where(searchKey, isGreaterThanOrEqualTo: term)
        .where(searchKey, isLessThan: '$term\uf8ff')
        .orderBy(searchKey);
  }

  /// One page of the records [query] selects, starting after [after] when given.
  Future<RecordPage> page(ListQuery query, {DocumentSnapshot<Map<String, dynamic>>? after}) async {
    var selection = _filtered(query).limit(pageSize);
    if (after != null) selection = selection.startAfterDocument(after);
    final docs = (await selection.get()).docs;
    return RecordPage(
      [for (final doc in docs) _record(doc)],
      docs.length < pageSize ? null : docs.last,
    );
  }

  /// How many records [query] selects, counted by Firestore without reading them.
  Future<int> count([ListQuery query = const ListQuery()]) async {
    final snapshot = await _filtered(query).count().get();
    return snapshot.count ?? 0;
  }

  /// The record with [id], or null when it does not exist (any more).
  Future<Map<String, dynamic>?> get(String id) async {
    final doc = await collection.doc(id).get();
    return doc.exists ? _record(doc) : null;
  }

  /// The title of the record with [id], for showing a reference to it.
  Future<String> titleOf(String id) async {
    final record = await get(id);
    return record == null ? 'Deleted ${entity.label.toLowerCase()}' : recordTitle(entity, record);
  }

  /// The records a reference dropdown offers, ordered by title.
  Future<List<Map<String, dynamic>>> options() async {
    final snapshot = await collection.orderBy(entity.titleField).limit(optionLimit).get();
    return [for (final doc in snapshot.docs) _record(doc)];
  }

  /// Records whose reference [field] holds [id], at most [limit] of them.
  Future<List<Map<String, dynamic>>> referencing(String field, String id, {int limit = 50}) async {
    final snapshot = await collection.where(field, isEqualTo: id).limit(limit).get();
    return [for (final doc in snapshot.docs) _record(doc)];
  }

  /// How many records have [id] in their reference [field].
  Future<int> countReferencing(String field, String id) async {
    final snapshot = await collection.where(field, isEqualTo: id).count().get();
    return snapshot.count ?? 0;
  }

  /// Adds a record with every field of the entity (null when blank) and returns its id.
  Future<String> create(Map<String, dynamic> values) async {
    final doc = await collection.add({
      ...values,
      searchKey: _searchText(values),
      'createdAt': FieldValue.serverTimestamp(),
      'updatedAt': FieldValue.serverTimestamp(),
    });
    return doc.id;
  }

  Future<void> update(String id, Map<String, dynamic> values) {
    return collection.doc(id).update({
      ...values,
      searchKey: _searchText(values),
      'updatedAt': FieldValue.serverTimestamp(),
    });
  }

  String _searchText(Map<String, dynamic> values) {
    final title = values[entity.titleField];
    return title == null ? '' : '$title'.trim().toLowerCase();
  }

  Map<String, dynamic> _record(DocumentSnapshot<Map<String, dynamic>> doc) => {
        ...?doc.data(),
        'id': doc.id,
      };
}
