import 'package:firebase_auth/firebase_auth.dart';
import 'package:flutter/material.dart';

import '../data/workspace_session.dart';

/// Sign in, or create an account (with a workspace of its own, or joining one by invite code),
/// through Firebase Auth's email and password; "Forgot password?" mails a reset link.
class AuthScreen extends StatefulWidget {
  const AuthScreen({super.key});

  @override
  State<AuthScreen> createState() => _AuthScreenState();
}

class _AuthScreenState extends State<AuthScreen> {
  final _email = TextEditingController();
  final _password = TextEditingController();
  final _workspace = TextEditingController();
  final _invite = TextEditingController();
  bool _creating = false;
  String? _error;
  String? _notice;

  Future<void> _submit() async {
    setState(() {
      _error = null;
      _notice = null;
    });
    try {
      final auth = FirebaseAuth.instance;
      if (_creating) {
        WorkspaceSession.pendingWorkspaceName = _workspace.text;
        WorkspaceSession.pendingInvite = _invite.text.trim().isEmpty ? null : _invite.text.trim();
        await auth.createUserWithEmailAndPassword(email: _email.text.trim(), password: _password.text);
      } else {
        await auth.signInWithEmailAndPassword(email: _email.text.trim(), password: _password.text);
      }
    } on FirebaseAuthException catch (e) {
      setState(() => _error = e.message ?? e.code);
    }
  }

  Future<void> _resetPassword() async {
    final email = _email.text.trim();
    if (email.isEmpty) {
      setState(() => _error = 'Enter your email first.');
      return;
    }
    try {
      await FirebaseAuth.instance.sendPasswordResetEmail(email: email);
      setState(() => _notice = 'If that email has an account, a reset link is on its way.');
    } on FirebaseAuthException catch (e) {
      setState(() => _error = e.message ?? e.code);
    }
  }

  @override
  void dispose() {
    _email.dispose();
    _password.dispose();
    _workspace.dispose();
    _invite.dispose();
    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(title: Text(_creating ? 'Create an account' : 'Sign in')),
      body: ListView(
        padding: const EdgeInsets.all(16),
        children: [
          TextField(
            controller: _email,
            keyboardType: TextInputType.emailAddress,
            autofillHints: const [AutofillHints.email],
            decoration: const InputDecoration(labelText: 'Email'),
          ),
          TextField(
            controller: _password,
            obscureText: true,
            decoration: const InputDecoration(labelText: 'Password'),
          ),
          if (_creating) ...[
            TextField(
              controller: _workspace,
              decoration: const InputDecoration(labelText: 'Workspace name', helperText: 'Your team or company'),
            ),
            TextField(
              controller: _invite,
              decoration: const InputDecoration(
                labelText: 'Invite code (optional)',
                helperText: 'Join the workspace that invited you instead',
              ),
            ),
          ],
          if (_error != null) Text(_error!, style: const TextStyle(color: Colors.red)),
          if (_notice != null) Text(_notice!),
          const SizedBox(height: 16),
          FilledButton(onPressed: _submit, child: Text(_creating ? 'Create account' : 'Sign in')),
          TextButton(
            onPressed: () => setState(() => _creating = !_creating),
            child: Text(_creating ? 'Have an account? Sign in' : 'New here? Create an account'),
          ),
          if (!_creating) TextButton(onPressed: _resetPassword, child: const Text('Forgot password?')),
        ],
      ),
    );
  }
}
