import 'package:flutter/material.dart';

import '../data/firestore_repository.dart';
import '../entity_descriptor.dart';
import '../entity_links.dart';
import '../format.dart';
import '../widgets/delete_record.dart';
import 'entity_form_screen.dart';

/// One record: every field, the records it references (by title), and the records of other
/// entities that reference it.
class EntityDetailScreen extends StatefulWidget {
  const EntityDetailScreen({super.key, required this.entity, required this.id});

  final EntityDescriptor entity;
  final String id;

  @override
  State<EntityDetailScreen> createState() => _EntityDetailScreenState();
}

/// The records of [link]'s entity that point at this one: the first few, and how many in all.
class _RelatedRecords {
  const _RelatedRecords(this.link, this.records, this.total);

  final EntityLink link;
  final List<Map<String, dynamic>> records;
  final int total;
}

class _Details {
  const _Details(this.record, this.referenceTitles, this.related);

  final Map<String, dynamic> record;

  /// The title of each referenced record, by reference field.
  final Map<String, String> referenceTitles;
  final List<_RelatedRecords> related;
}

class _EntityDetailScreenState extends State<EntityDetailScreen> {
  late Future<_Details?> _details = _load();

  Future<_Details?> _load() async {
    final record = await FirestoreRepository(widget.entity).get(widget.id);
    if (record == null) return null;
    final titles = <String, String>{};
    for (final field in widget.entity.fields) {
      final target = field.references;
      final id = record[field.name];
      if (target == null || id is! String) continue;
      titles[field.name] = await FirestoreRepository(entityNamed(target)).titleOf(id);
    }
    final related = <_RelatedRecords>[];
    for (final link in linksTo(widget.entity)) {
      final repository = FirestoreRepository(link.entity);
      final records = await repository.referencing(link.field.name, widget.id, limit: 20);
      final total = await repository.countReferencing(link.field.name, widget.id);
      related.add(_RelatedRecords(link, records, total));
    }
    return _Details(record, titles, related);
  }

  /// Opens [screen], then reloads: an edit there may change what this one shows.
  Future<void> _open(Widget screen) async {
    await Navigator.of(context).push<void>(MaterialPageRoute(builder: (_) => screen));
    if (mounted) setState(() => _details = _load());
  }

  Future<void> _delete(Map<String, dynamic> record) async {
    final title = recordTitle(widget.entity, record);
    final deleted = await deleteRecord(context, widget.entity, widget.id, title);
    if (deleted && mounted) Navigator.of(context).pop();
  }

  @override
  Widget build(BuildContext context) {
    return FutureBuilder<_Details?>(
      future: _details,
      builder: (context, snapshot) {
        final details = snapshot.data;
        return Scaffold(
          appBar: AppBar(
            title: Text(details == null ? widget.entity.label : recordTitle(widget.entity, details.record)),
            actions: [
              if (details != null) ...[
                IconButton(
                  icon: const Icon(Icons.edit_outlined),
                  tooltip: 'Edit',
                  onPressed: () => _open(EntityFormScreen(entity: widget.entity, record: details.record)),
                ),
                IconButton(
                  icon: const Icon(Icons.delete_outline),
                  tooltip: 'Delete',
                  onPressed: () => _delete(details.record),
                ),
              ],
            ],
          ),
          body: _body(snapshot, details),
        );
      },
    );
  }

  Widget _body(AsyncSnapshot<_Details?> snapshot, _Details? details) {
    if (snapshot.hasError) return Center(child: Text('Could not load: ${snapshot.error}'));
    if (snapshot.connectionState != ConnectionState.done) {
      return const Center(child: CircularProgressIndicator());
    }
    if (details == null) {
      return Center(child: Text('This ${widget.entity.label.toLowerCase()} no longer exists.'));
    }
    final record = details.record;
    return ListView(
      padding: const EdgeInsets.only(bottom: 24),
      children: [
        if (widget.entity.description.isNotEmpty)
          Padding(
            padding: const EdgeInsets.fromLTRB(16, 12, 16, 4),
            child: Text(widget.entity.description, style: Theme.of(context).textTheme.bodySmall),
          ),
        for (final field in widget.entity.fields) _fieldTile(field, record, details),
        for (final related in details.related) ..._relatedSection(related),
      ],
    );
  }

  Widget _fieldTile(FieldDescriptor field, Map<String, dynamic> record, _Details details) {
    final value = record[field.name];
    final target = field.references;
    if (target == null || value is! String) {
      return ListTile(title: Text(field.label), subtitle: Text(formatValue(field, value)));
    }
    return ListTile(
      title: Text(field.label),
      subtitle: Text(details.referenceTitles[field.name] ?? value),
      trailing: const Icon(Icons.chevron_right),
      onTap: () => _open(EntityDetailScreen(entity: entityNamed(target), id: value)),
    );
  }

  List<Widget> _relatedSection(_RelatedRecords related) {
    final link = related.link;
    final hidden = related.total - related.records.length;
    return [
      const Divider(),
      ListTile(
        title: Text('${link.entity.pluralLabel} (${related.total})', style: Theme.of(context).textTheme.titleMedium),
        subtitle: Text('by ${link.field.label.toLowerCase()}'),
        trailing: IconButton(
          icon: const Icon(Icons.add),
          tooltip: 'New ${link.entity.label.toLowerCase()}',
          onPressed: () => _open(
            EntityFormScreen(entity: link.entity, initialValues: {link.field.name: widget.id}),
          ),
        ),
      ),
      for (final record in related.records)
        ListTile(
          title: Text(recordTitle(link.entity, record)),
          onTap: () => _open(EntityDetailScreen(entity: link.entity, id: record['id'] as String)),
        ),
      if (hidden > 0)
        ListTile(
          title: Text('and $hidden more'),
          enabled: false,
        ),
    ];
  }
}
