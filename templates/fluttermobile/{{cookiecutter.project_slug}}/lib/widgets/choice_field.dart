import 'package:flutter/material.dart';

/// A dropdown that takes part in its [Form]: validated with the other fields, showing the error
/// below itself. [choices] maps each stored value to the text shown for it.
class ChoiceField extends FormField<String> {
  ChoiceField({
    super.key,
    required String label,
    required Map<String, String> choices,
    required ValueChanged<String?> onChanged,
    bool allowNone = false,
    super.initialValue,
    super.validator,
  }) : super(
          builder: (state) => InputDecorator(
            decoration: InputDecoration(labelText: label, errorText: state.errorText),
            isEmpty: state.value == null && !allowNone,
            child: DropdownButtonHideUnderline(
              child: DropdownButton<String>(
                // A value no longer among the choices (a deleted record) shows as unset.
                value: choices.containsKey(state.value) ? state.value : null,
                isDense: true,
                isExpanded: true,
                items: [
                  if (allowNone) const DropdownMenuItem<String>(child: Text('None')),
                  for (final choice in choices.entries)
                    DropdownMenuItem<String>(
                      value: choice.key,
                      child: Text(choice.value, overflow: TextOverflow.ellipsis),
                    ),
                ],
                onChanged: (value) {
                  state.didChange(value);
                  onChanged(value);
                },
              ),
            ),
          ),
        );
}
