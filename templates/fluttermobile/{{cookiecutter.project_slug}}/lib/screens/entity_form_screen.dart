import 'package:flutter/material.dart';

import '../data/firestore_repository.dart';
import '../entity_descriptor.dart';

/// A form with one input per field; saving adds a document to the entity's collection.
class EntityFormScreen extends StatefulWidget {
  const EntityFormScreen({super.key, required this.entity});

  final EntityDescriptor entity;

  @override
  State<EntityFormScreen> createState() => _EntityFormScreenState();
}

class _EntityFormScreenState extends State<EntityFormScreen> {
  final _form = GlobalKey<FormState>();
  final Map<String, dynamic> _values = {};

  Object? _convert(FieldDescriptor field, String text) {
    if (text.isEmpty) return null;
    switch (field.type) {
      case 'integer':
        return int.tryParse(text);
      case 'number':
        return double.tryParse(text);
      default:
        return text;
    }
  }

  String? _check(FieldDescriptor field, String? text) {
    final value = text ?? '';
    if (value.isEmpty) return field.required ? 'Required' : null;
    if (field.type == 'integer' && int.tryParse(value) == null) return 'Whole number';
    if (field.type == 'number' && double.tryParse(value) == null) return 'Number';
    if (field.type == 'email' && !value.contains('@')) return 'Email address';
    return null;
  }

  Widget _input(FieldDescriptor field) {
    if (field.type == 'boolean') {
      return SwitchListTile(
        title: Text(field.label),
        value: _values[field.name] == true,
        onChanged: (on) => setState(() => _values[field.name] = on),
      );
    }
    if (field.type == 'enum') {
      return DropdownButtonFormField<String>(
        decoration: InputDecoration(labelText: field.label),
        items: [for (final v in field.enumValues) DropdownMenuItem(value: v, child: Text(v))],
        validator: (v) => field.required && v == null ? 'Required' : null,
        onChanged: (v) => _values[field.name] = v,
      );
    }
    return TextFormField(
      decoration: InputDecoration(labelText: field.label),
      maxLines: field.type == 'text' ? 4 : 1,
      validator: (text) => _check(field, text),
      onSaved: (text) => _values[field.name] = _convert(field, text ?? ''),
    );
  }

  Future<void> _save() async {
    final form = _form.currentState;
    if (form == null || !form.validate()) return;
    form.save();
    for (final field in widget.entity.fields) {
      if (field.type == 'boolean') _values[field.name] ??= false;
    }
    await FirestoreRepository(widget.entity).create(_values);
    if (mounted) Navigator.of(context).pop();
  }

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(title: Text('New ${widget.entity.label.toLowerCase()}')),
      body: Form(
        key: _form,
        child: ListView(
          padding: const EdgeInsets.all(16),
          children: [
            for (final field in widget.entity.fields) _input(field),
            const SizedBox(height: 16),
            FilledButton(onPressed: _save, child: const Text('Save')),
          ],
        ),
      ),
    );
  }
}
