import 'package:firebase_auth/firebase_auth.dart';
import 'package:firebase_core/firebase_core.dart';
import 'package:flutter/material.dart';

import 'config.dart';
import 'data/workspace_session.dart';
import 'firebase_options.dart';
import 'screens/auth_screen.dart';
import 'screens/home_screen.dart';

Future<void> main() async {
  WidgetsFlutterBinding.ensureInitialized();
  await Firebase.initializeApp(options: DefaultFirebaseOptions.currentPlatform);
  runApp(const App());
}

class App extends StatelessWidget {
  const App({super.key});

  @override
  Widget build(BuildContext context) {
    return MaterialApp(
      title: appName,
      theme: ThemeData(colorSchemeSeed: Colors.indigo),
      home: StreamBuilder<User?>(
        stream: FirebaseAuth.instance.authStateChanges(),
        builder: (context, snapshot) {
          final user = snapshot.data;
          if (user == null) {
            WorkspaceSession.clear();
            return const AuthScreen();
          }
          // Every record lives in the user's workspace: find (or create) it before any screen reads.
          return FutureBuilder<String>(
            key: ValueKey(user.uid),
            future: WorkspaceSession.open(user),
            builder: (context, workspace) {
              if (workspace.hasError) {
                return Scaffold(body: Center(child: Text('Could not open your workspace: ${workspace.error}')));
              }
              if (!workspace.hasData) return const Scaffold(body: Center(child: CircularProgressIndicator()));
              return const HomeScreen();
            },
          );
        },
      ),
    );
  }
}
