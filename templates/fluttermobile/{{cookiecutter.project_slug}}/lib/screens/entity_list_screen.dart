import 'package:flutter/material.dart';

import '../data/firestore_repository.dart';
import '../entity_descriptor.dart';
import 'entity_form_screen.dart';

/// A live list of one entity's documents, with a button to add one.
class EntityListScreen extends StatelessWidget {
  const EntityListScreen({super.key, required this.entity});

  final EntityDescriptor entity;

  @override
  Widget build(BuildContext context) {
    final repository = FirestoreRepository(entity);
    return Scaffold(
      appBar: AppBar(title: Text(entity.pluralLabel)),
      floatingActionButton: FloatingActionButton(
        child: const Icon(Icons.add),
        onPressed: () => Navigator.of(context).push(
          MaterialPageRoute<void>(builder: (_) => EntityFormScreen(entity: entity)),
        ),
      ),
      body: StreamBuilder<List<Map<String, dynamic>>>(
        stream: repository.watchAll(),
        builder: (context, snapshot) {
          if (snapshot.hasError) return Center(child: Text('Could not load: ${snapshot.error}'));
          final rows = snapshot.data;
          if (rows == null) return const Center(child: CircularProgressIndicator());
          if (rows.isEmpty) return const Center(child: Text('Nothing here yet.'));
          return ListView(
            children: [
              for (final row in rows)
                ListTile(
                  title: Text('${row[entity.fields.first.name] ?? ''}'),
                  subtitle: Text(entity.fields.skip(1).map((f) => '${f.label}: ${row[f.name] ?? ''}').join('  ')),
                  trailing: IconButton(
                    icon: const Icon(Icons.delete_outline),
                    onPressed: () => repository.delete(row['id'] as String),
                  ),
                ),
            ],
          );
        },
      ),
    );
  }
}
