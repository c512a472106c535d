import 'package:flutter/material.dart';

import '../data/firestore_repository.dart';
import '../entity_descriptor.dart';
import '../entity_links.dart';
import '../format.dart';
import '../validation.dart';
import '../widgets/choice_field.dart';

/// Creates a record, or edits [record] when one is given: one input per field, checked with the
/// spec's rules (see `validation.dart`) before anything is saved.
class EntityFormScreen extends StatefulWidget {
  const EntityFormScreen({super.key, required this.entity, this.record, this.initialValues = const {}});

  final EntityDescriptor entity;

  /// The record to edit; null to create one.
  final Map<String, dynamic>? record;

  /// Values a new record starts with: the record it belongs to, when created from its detail screen.
  final Map<String, dynamic> initialValues;

  @override
  State<EntityFormScreen> createState() => _EntityFormScreenState();
}

class _EntityFormScreenState extends State<EntityFormScreen> {
  final _form = GlobalKey<FormState>();

  /// The text box of each field typed in, and the value of each field picked.
  final _text = <String, TextEditingController>{};
  final _picked = <String, Object?>{};

  /// The records each reference field offers: id to title.
  final _choices = <String, Future<Map<String, String>>>{};
  var _saving = false;
  String? _error;

  @override
  void initState() {
    super.initState();
    final initial = {...widget.initialValues, ...?widget.record};
    for (final field in widget.entity.fields) {
      final value = initial[field.name];
      if (textBoxTypes.contains(field.type)) {
        _text[field.name] = TextEditingController(text: value == null ? '' : '$value');
      } else {
        _picked[field.name] = field.type == 'boolean' ? value == true : value;
      }
      final target = field.references;
      if (target != null) _choices[field.name] = _recordChoices(entityNamed(target), value);
    }
  }

  @override
  void dispose() {
    for (final controller in _text.values) {
      controller.dispose();
    }
    super.dispose();
  }

  /// The records of [target] a reference can point at, keeping [current] even when it is not
  /// among the first [FirestoreRepository.optionLimit].
  Future<Map<String, String>> _recordChoices(EntityDescriptor target, Object? current) async {
    final repository = FirestoreRepository(target);
    final choices = {
      for (final record in await repository.options()) record['id'] as String: recordTitle(target, record),
    };
    if (current is String && !choices.containsKey(current)) {
      final record = await repository.get(current);
      if (record != null) choices[current] = recordTitle(target, record);
    }
    return choices;
  }

  String _label(FieldDescriptor field) => field.required ? '${field.label} *' : field.label;

  Widget _input(FieldDescriptor field) {
    switch (field.type) {
      case 'boolean':
        return SwitchListTile(
          contentPadding: EdgeInsets.zero,
          title: Text(field.label),
          subtitle: field.description.isEmpty ? null : Text(field.description),
          value: _picked[field.name] == true,
          onChanged: (on) => setState(() => _picked[field.name] = on),
        );
      case 'enum':
        return ChoiceField(
          label: _label(field),
          choices: {for (final value in field.enumValues) value: value.replaceAll('_', ' ')},
          allowNone: !field.required,
          initialValue: _picked[field.name] as String?,
          validator: (value) => validatePicked(field, value),
          onChanged: (value) => _picked[field.name] = value,
        );
      case 'reference':
        return _referenceInput(field);
      case 'datetime':
        return _dateTimeInput(field);
      default:
        return _textInput(field);
    }
  }

  Widget _textInput(FieldDescriptor field) {
    final controller = _text[field.name]!;
    final isDate = field.type == 'date';
    return TextFormField(
      controller: controller,
      decoration: InputDecoration(
        labelText: _label(field),
        helperText: field.description.isEmpty ? null : field.description,
        hintText: isDate ? 'YYYY-MM-DD' : null,
        suffixIcon: isDate
            ? IconButton(
                icon: const Icon(Icons.calendar_today),
                tooltip: 'Pick a date',
                onPressed: () => _pickDate(controller),
              )
            : null,
      ),
      keyboardType: switch (field.type) {
        'integer' => const TextInputType.numberWithOptions(signed: true),
        'number' => const TextInputType.numberWithOptions(signed: true, decimal: true),
        'email' => TextInputType.emailAddress,
        'url' => TextInputType.url,
        'text' => TextInputType.multiline,
        _ => TextInputType.text,
      },
      minLines: field.type == 'text' ? 3 : 1,
      maxLines: field.type == 'text' ? 8 : 1,
      validator: (text) => validateText(field, text ?? ''),
    );
  }

  Widget _referenceInput(FieldDescriptor field) {
    final target = entityNamed(field.references!);
    return FutureBuilder<Map<String, String>>(
      future: _choices[field.name],
      builder: (context, snapshot) {
        if (snapshot.hasError) {
          return Text('Could not load ${target.pluralLabel.toLowerCase()}: ${snapshot.error}');
        }
        final choices = snapshot.data;
        if (choices == null) return const LinearProgressIndicator();
        return ChoiceField(
          label: _label(field),
          choices: choices,
          allowNone: !field.required,
          initialValue: _picked[field.name] as String?,
          validator: (value) {
            if (choices.isEmpty && field.required) return 'Add a ${target.label.toLowerCase()} first';
            return validatePicked(field, value);
          },
          onChanged: (value) => _picked[field.name] = value,
        );
      },
    );
  }

  Widget _dateTimeInput(FieldDescriptor field) {
    return FormField<String>(
      initialValue: _picked[field.name] as String?,
      validator: (value) => validatePicked(field, value),
      builder: (state) => InkWell(
        onTap: () async {
          final picked = await _pickDateTime(state.value);
          if (picked == null) return;
          state.didChange(picked);
          _picked[field.name] = picked;
        },
        child: InputDecorator(
          decoration: InputDecoration(
            labelText: _label(field),
            errorText: state.errorText,
            suffixIcon: const Icon(Icons.schedule),
          ),
          child: Text(formatValue(field, state.value)),
        ),
      ),
    );
  }

  /// Lets the user pick a calendar day and stores it as typed, YYYY-MM-DD, with no time zone.
  Future<void> _pickDate(TextEditingController controller) async {
    final typed = controller.text.trim();
    final picked = await showDatePicker(
      context: context,
      initialDate: _withinPicker(isCalendarDate(typed) ? DateTime.parse(typed) : DateTime.now()),
      firstDate: _firstPickable,
      lastDate: _lastPickable,
    );
    if (picked != null) controller.text = calendarDate(picked);
  }

  /// A day and a time in the device's zone, stored as the same instant in UTC.
  Future<String?> _pickDateTime(String? current) async {
    final start = _withinPicker(DateTime.tryParse(current ?? '')?.toLocal() ?? DateTime.now());
    final day = await showDatePicker(
      context: context,
      initialDate: start,
      firstDate: _firstPickable,
      lastDate: _lastPickable,
    );
    if (day == null || !mounted) return null;
    final time = await showTimePicker(context: context, initialTime: TimeOfDay.fromDateTime(start));
    if (time == null) return null;
    return DateTime(day.year, day.month, day.day, time.hour, time.minute).toUtc().toIso8601String();
  }

  Future<void> _save() async {
    final form = _form.currentState;
    if (form == null || !form.validate()) return;
    final values = <String, dynamic>{
      for (final field in widget.entity.fields)
        field.name: textBoxTypes.contains(field.type)
            ? storedValue(field, _text[field.name]!.text)
            : _picked[field.name],
    };
    setState(() {
      _saving = true;
      _error = null;
    });
    try {
      final repository = FirestoreRepository(widget.entity);
      final record = widget.record;
      if (record == null) {
        await repository.create(values);
      } else {
        await repository.update(record['id'] as String, values);
      }
      if (mounted) Navigator.of(context).pop();
    } catch (error) {
      if (!mounted) return;
      setState(() {
        _saving = false;
        _error = 'Could not save: $error';
      });
    }
  }

  @override
  Widget build(BuildContext context) {
    final entity = widget.entity;
    final editing = widget.record != null;
    final error = _error;
    return Scaffold(
      appBar: AppBar(
        title: Text(editing ? 'Edit ${entity.label.toLowerCase()}' : 'New ${entity.label.toLowerCase()}'),
      ),
      body: Form(
        key: _form,
        child: ListView(
          padding: const EdgeInsets.all(16),
          children: [
            for (final field in entity.fields)
              Padding(padding: const EdgeInsets.only(bottom: 12), child: _input(field)),
            if (error != null)
              Padding(
                padding: const EdgeInsets.only(bottom: 12),
                child: Text(error, style: TextStyle(color: Theme.of(context).colorScheme.error)),
              ),
            FilledButton(
              onPressed: _saving ? null : _save,
              child: Text(_saving ? 'Saving…' : 'Save'),
            ),
          ],
        ),
      ),
    );
  }
}

final _firstPickable = DateTime(1900);
final _lastPickable = DateTime(2200, 12, 31);

DateTime _withinPicker(DateTime day) =>
    day.isBefore(_firstPickable) || day.isAfter(_lastPickable) ? DateTime.now() : day;
