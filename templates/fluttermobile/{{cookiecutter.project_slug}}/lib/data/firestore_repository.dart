import 'package:cloud_firestore/cloud_firestore.dart';

import '../entity_descriptor.dart';

/// Reads and writes one entity's documents in its Firestore collection.
class FirestoreRepository {
  FirestoreRepository(this.entity);

  final EntityDescriptor entity;

  CollectionReference<Map<String, dynamic>> get _collection =>
      FirebaseFirestore.instance.collection(entity.collection);

  Stream<List<Map<String, dynamic>>> watchAll() {
    return _collection
        .orderBy('createdAt', descending: true)
        .snapshots()
        .map((snapshot) => snapshot.docs.map((doc) => {'id': doc.id, ...doc.data()}).toList());
  }

  Future<void> create(Map<String, dynamic> values) {
    return _collection.add({...values, 'createdAt': FieldValue.serverTimestamp()});
  }

  Future<void> delete(String id) => _collection.doc(id).delete();
}
