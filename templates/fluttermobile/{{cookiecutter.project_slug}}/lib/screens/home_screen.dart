import 'package:firebase_auth/firebase_auth.dart';
import 'package:firebase_core/firebase_core.dart';
import 'package:flutter/material.dart';

import '../content.dart';
import '../data/firestore_repository.dart';
import '../data/workspace_session.dart';
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

  /// An owner's invite: a code that lets one person join this workspace at sign-up, for 7 days.
  Future<void> _invite() async {
    String message;
    try {
      message = 'Send this code to the person you invite; they enter it when they create their account:\n\n'
          '${await WorkspaceSession.createInvite()}';
    } on FirebaseException catch (e) {
      message = e.code == 'permission-denied' ? 'Only an owner of this workspace can invite people.' : e.message ?? e.code;
    }
    if (!mounted) return;
    await showDialog<void>(
      context: context,
      builder: (context) => AlertDialog(
        title: const Text('Invite someone'),
        content: SelectableText(message),
        actions: [TextButton(onPressed: () => Navigator.of(context).pop(), child: const Text('Done'))],
      ),
    );
  }

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(
        title: const Text(headline),
        actions: [
          IconButton(icon: const Icon(Icons.person_add), tooltip: 'Invite someone', onPressed: _invite),
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
