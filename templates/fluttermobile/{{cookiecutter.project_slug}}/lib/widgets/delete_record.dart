import 'package:flutter/material.dart';

import '../data/delete_plan.dart';
import '../entity_descriptor.dart';

/// Asks before deleting [title] of [entity] and says what else the delete changes; refuses with
/// the reason while `restrict` references hold it. True once the record is deleted.
Future<bool> deleteRecord(
  BuildContext context,
  EntityDescriptor entity,
  String id,
  String title,
) async {
  final messenger = ScaffoldMessenger.of(context);
  try {
    final plan = await DeletePlan.prepare(entity, id);
    final refusal = plan.refusal;
    if (refusal != null) {
      messenger.showSnackBar(SnackBar(content: Text('Cannot delete $title. $refusal')));
      return false;
    }
    if (!context.mounted) return false;
    final confirmed = await showDialog<bool>(
      context: context,
      builder: (dialogContext) => AlertDialog(
        title: Text('Delete $title?'),
        content: Text(plan.consequences),
        actions: [
          TextButton(
            onPressed: () => Navigator.of(dialogContext).pop(false),
            child: const Text('Cancel'),
          ),
          FilledButton(
            onPressed: () => Navigator.of(dialogContext).pop(true),
            child: const Text('Delete'),
          ),
        ],
      ),
    );
    if (confirmed != true) return false;
    await plan.commit();
    messenger.showSnackBar(SnackBar(content: Text('Deleted $title.')));
    return true;
  } catch (error) {
    messenger.showSnackBar(SnackBar(content: Text('Could not delete $title: $error')));
    return false;
  }
}
