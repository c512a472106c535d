import 'package:firebase_auth/firebase_auth.dart';
import 'package:flutter/material.dart';

import '../content.dart';
import '../data/firestore_repository.dart';
import '../entities.dart';
import 'entity_list_screen.dart';

/// The signed-in start page: the pitch, then one tile per entity with its number of records.
class HomeScreen extends StatefulWidget {
  const HomeScreen({super.key});

  @override
  State<HomeScreen> createState() => _HomeScreenState();
}

class _HomeScreenState extends State<HomeScreen> {
  late Future<List<int>> _counts = _count();

  Future<List<int>> _count() =>
      Future.wait([for (final entity in allEntities) FirestoreRepository(entity).count()]);

  Future<void> _open(Widget screen) async {
    await Navigator.of(context).push<void>(MaterialPageRoute(builder: (_) => screen));
    if (mounted) setState(() => _counts = _count());
  }

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(
        title: const Text(headline),
        actions: [
          IconButton(
            icon: const Icon(Icons.logout),
            tooltip: 'Sign out',
            onPressed: () => FirebaseAuth.instance.signOut(),
          ),
        ],
      ),
      body: FutureBuilder<List<int>>(
        future: _counts,
        builder: (context, snapshot) {
          final counts = snapshot.data;
          return ListView(
            children: [
              const ListTile(title: Text(tagline), subtitle: Text(heroCopy)),
              for (final (index, entity) in allEntities.indexed)
                ListTile(
                  title: Text(entity.pluralLabel),
                  subtitle: entity.description.isEmpty ? null : Text(entity.description),
                  trailing: Text(counts == null ? '' : '${counts[index]}'),
                  onTap: () => _open(EntityListScreen(entity: entity)),
                ),
            ],
          );
        },
      ),
    );
  }
}
