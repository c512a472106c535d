import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';
import 'package:{{ cookiecutter.dart_package }}/widgets/choice_field.dart';

void main() {
  testWidgets('a choice field shows its error until a choice is made', (tester) async {
    final form = GlobalKey<FormState>();
    String? chosen;
    await tester.pumpWidget(
      MaterialApp(
        home: Scaffold(
          body: Form(
            key: form,
            child: ChoiceField(
              label: 'Status',
              choices: const {'booked': 'Booked', 'done': 'Done'},
              validator: (value) => value == null ? 'Required' : null,
              onChanged: (value) => chosen = value,
            ),
          ),
        ),
      ),
    );

    expect(form.currentState!.validate(), isFalse);
    await tester.pump();
    expect(find.text('Required'), findsOneWidget);

    await tester.tap(find.byType(DropdownButton<String>));
    await tester.pumpAndSettle();
    await tester.tap(find.text('Done').last);
    await tester.pumpAndSettle();
    expect(chosen, 'done');
    expect(form.currentState!.validate(), isTrue);
    await tester.pump();
    expect(find.text('Required'), findsNothing);
  });
}
