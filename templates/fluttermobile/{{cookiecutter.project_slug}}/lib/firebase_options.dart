import 'package:firebase_core/firebase_core.dart';

/// Placeholders: replace them with your project's values, or run `flutterfire configure`,
/// which rewrites this file.
class DefaultFirebaseOptions {
  static const FirebaseOptions currentPlatform = FirebaseOptions(
    apiKey: 'REPLACE_WITH_API_KEY',
    appId: 'REPLACE_WITH_APP_ID',
    messagingSenderId: 'REPLACE_WITH_SENDER_ID',
    projectId: {{ cookiecutter.project_slug | jsonify | replace('$', '\\$') }},
  );
}
