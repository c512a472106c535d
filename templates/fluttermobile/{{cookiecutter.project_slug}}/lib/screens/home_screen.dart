import 'package:firebase_auth/firebase_auth.dart';
import 'package:flutter/material.dart';

import '../content.dart';
import '../entities.dart';
import 'entity_list_screen.dart';

/// The signed-in start page: the pitch and one tile per entity.
class HomeScreen extends StatelessWidget {
  const HomeScreen({super.key});

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(
        title: const Text(headline),
        actions: [
          IconButton(
            icon: const Icon(Icons.logout),
            onPressed: () => FirebaseAuth.instance.signOut(),
          ),
        ],
      ),
      body: ListView(
        children: [
          const ListTile(title: Text(tagline), subtitle: Text(heroCopy)),
          for (final entity in allEntities)
            ListTile(
              title: Text(entity.pluralLabel),
              subtitle: Text(entity.description),
              onTap: () => Navigator.of(context).push(
                MaterialPageRoute<void>(builder: (_) => EntityListScreen(entity: entity)),
              ),
            ),
        ],
      ),
    );
  }
}
