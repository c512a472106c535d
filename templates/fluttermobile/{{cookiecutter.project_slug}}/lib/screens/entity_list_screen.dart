import 'dart:async';

import 'package:flutter/material.dart';

import '../data/firestore_repository.dart';
import '../entity_descriptor.dart';
import '../format.dart';
import '../widgets/delete_record.dart';
import 'entity_detail_screen.dart';
import 'entity_form_screen.dart';

/// One entity's records: a title search, a choice of order, and pages loaded as the list
/// scrolls, with the number of matching records above it.
class EntityListScreen extends StatefulWidget {
  const EntityListScreen({super.key, required this.entity});

  final EntityDescriptor entity;

  @override
  State<EntityListScreen> createState() => _EntityListScreenState();
}

/// An order the list offers: newest first, or by one field either way.
class _SortChoice {
  const _SortChoice(this.label, this.field, this.descending);

  final String label;
  final String field;
  final bool descending;
}

class _EntityListScreenState extends State<EntityListScreen> {
  late final _repository = FirestoreRepository(widget.entity);
  final _scroll = ScrollController();
  final _search = TextEditingController();
  final _records = <Map<String, dynamic>>[];
  Timer? _debounce;
  var _query = const ListQuery();
  RecordPage? _lastPage;
  int? _total;
  var _loading = false;
  Object? _error;

  /// Bumped by every reload, so answers to an older query are dropped.
  var _generation = 0;

  bool get _hasMore {
    final total = _total;
    if (total != null && _records.length >= total) return false;
    return _lastPage == null || _lastPage!.next != null;
  }

  List<_SortChoice> get _sortChoices => [
        const _SortChoice('Newest first', 'createdAt', true),
        const _SortChoice('Oldest first', 'createdAt', false),
        for (final field in widget.entity.fields)
          if (field.type != 'reference' && field.type != 'text') ...[
            _SortChoice('${field.label}, ascending', field.name, false),
            _SortChoice('${field.label}, descending', field.name, true),
          ],
      ];

  @override
  void initState() {
    super.initState();
    _scroll.addListener(() {
      if (_scroll.position.extentAfter < 400) _loadMore();
    });
    _reset();
    _loadFirstPage();
  }

  @override
  void dispose() {
    _debounce?.cancel();
    _scroll.dispose();
    _search.dispose();
    super.dispose();
  }

  void _reset() {
    _generation++;
    _records.clear();
    _lastPage = null;
    _total = null;
    _loading = false;
    _error = null;
  }

  Future<void> _reload() async {
    setState(_reset);
    await _loadFirstPage();
  }

  Future<void> _loadFirstPage() async {
    final generation = _generation;
    try {
      final total = await _repository.count(_query);
      if (!mounted || generation != _generation) return;
      setState(() => _total = total);
    } catch (error) {
      if (mounted && generation == _generation) setState(() => _error = error);
      return;
    }
    await _loadMore();
  }

  Future<void> _loadMore() async {
    if (_loading || !_hasMore || _error != null) return;
    final generation = _generation;
    setState(() => _loading = true);
    try {
      final page = await _repository.page(_query, after: _lastPage?.next);
      if (!mounted || generation != _generation) return;
      setState(() {
        _records.addAll(page.records);
        _lastPage = page;
        _loading = false;
      });
      // A page shorter than the screen cannot be scrolled to load the next one.
      WidgetsBinding.instance.addPostFrameCallback((_) {
        if (mounted && _scroll.hasClients && _scroll.position.extentAfter < 400) _loadMore();
      });
    } catch (error) {
      if (!mounted || generation != _generation) return;
      setState(() {
        _error = error;
        _loading = false;
      });
    }
  }

  void _onSearchChanged(String text) {
    _debounce?.cancel();
    _debounce = Timer(const Duration(milliseconds: 300), () {
      _query = _query.copyWith(search: text);
      _reload();
    });
  }

  /// Opens [screen], then reloads: a record may have been added, edited or deleted there.
  Future<void> _open(Widget screen) async {
    await Navigator.of(context).push<void>(MaterialPageRoute(builder: (_) => screen));
    if (mounted) _reload();
  }

  Future<void> _delete(Map<String, dynamic> record) async {
    final entity = widget.entity;
    if (await deleteRecord(context, entity, record['id'] as String, recordTitle(entity, record))) {
      if (mounted) _reload();
    }
  }

  @override
  Widget build(BuildContext context) {
    final entity = widget.entity;
    final searching = _query.search.trim().isNotEmpty;
    return Scaffold(
      appBar: AppBar(
        title: Text(entity.pluralLabel),
        actions: [
          PopupMenuButton<_SortChoice>(
            icon: const Icon(Icons.sort),
            tooltip: searching ? 'Matches are ordered by ${entity.field(entity.titleField).label}' : 'Order',
            enabled: !searching,
            onSelected: (choice) {
              _query = _query.copyWith(sortField: choice.field, descending: choice.descending);
              _reload();
            },
            itemBuilder: (context) => [
              for (final choice in _sortChoices)
                CheckedPopupMenuItem<_SortChoice>(
                  value: choice,
                  checked: choice.field == _query.sortField && choice.descending == _query.descending,
                  child: Text(choice.label),
                ),
            ],
          ),
        ],
      ),
      floatingActionButton: FloatingActionButton(
        tooltip: 'New ${entity.label.toLowerCase()}',
        onPressed: () => _open(EntityFormScreen(entity: entity)),
        child: const Icon(Icons.add),
      ),
      body: Column(
        children: [
          Padding(
            padding: const EdgeInsets.fromLTRB(16, 8, 16, 0),
            child: TextField(
              controller: _search,
              decoration: InputDecoration(
                prefixIcon: const Icon(Icons.search),
                hintText: 'Search by ${entity.field(entity.titleField).label.toLowerCase()}',
              ),
              onChanged: _onSearchChanged,
            ),
          ),
          Padding(
            padding: const EdgeInsets.fromLTRB(16, 8, 16, 4),
            child: Align(alignment: Alignment.centerLeft, child: Text(_countText())),
          ),
          Expanded(child: _list()),
        ],
      ),
    );
  }

  String _countText() {
    final total = _total;
    final plural = widget.entity.pluralLabel.toLowerCase();
    if (total == null) return 'Counting $plural…';
    if (total == 0) return _query.search.trim().isEmpty ? 'No $plural yet.' : 'No matches.';
    return 'Showing ${_records.length} of $total';
  }

  Widget _list() {
    final error = _error;
    if (error != null) {
      return Center(
        child: Padding(
          padding: const EdgeInsets.all(16),
          child: Column(
            mainAxisSize: MainAxisSize.min,
            children: [
              Text('Could not load: $error', textAlign: TextAlign.center),
              const SizedBox(height: 8),
              OutlinedButton(onPressed: _reload, child: const Text('Try again')),
            ],
          ),
        ),
      );
    }
    if (_records.isEmpty && _loading) return const Center(child: CircularProgressIndicator());
    final entity = widget.entity;
    final details = entity.fields.where((f) => f.name != entity.titleField && f.type != 'reference').take(2);
    return RefreshIndicator(
      onRefresh: _reload,
      child: ListView.builder(
        controller: _scroll,
        physics: const AlwaysScrollableScrollPhysics(),
        itemCount: _records.length + (_hasMore ? 1 : 0),
        itemBuilder: (context, index) {
          if (index == _records.length) {
            return const Padding(
              padding: EdgeInsets.all(16),
              child: Center(child: CircularProgressIndicator()),
            );
          }
          final record = _records[index];
          return ListTile(
            title: Text(recordTitle(entity, record)),
            subtitle: Text(
              details.map((f) => '${f.label}: ${formatValue(f, record[f.name])}').join('   '),
              maxLines: 1,
              overflow: TextOverflow.ellipsis,
            ),
            trailing: IconButton(
              icon: const Icon(Icons.delete_outline),
              tooltip: 'Delete',
              onPressed: () => _delete(record),
            ),
            onTap: () => _open(EntityDetailScreen(entity: entity, id: record['id'] as String)),
          );
        },
      ),
    );
  }
}
