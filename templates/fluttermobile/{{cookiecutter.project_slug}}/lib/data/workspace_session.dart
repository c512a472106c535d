import 'package:cloud_firestore/cloud_firestore.dart';
import 'package:firebase_auth/firebase_auth.dart';

/// The workspace the signed-in user works in. Every record lives under
/// `workspaces/{id}/<collection>/`, and firestore.rules lets only that workspace's members
/// (`workspaces/{id}/members/{uid}`) read or write it.
class WorkspaceSession {
  WorkspaceSession._();

  static String? _id;

  /// What the sign-up form asked for, used when the account's first workspace is set up.
  static String? pendingWorkspaceName;

  /// An invite code (`<workspace id>/<invite id>`) typed at sign-up: join that workspace instead.
  static String? pendingInvite;

  static FirebaseFirestore get _db => FirebaseFirestore.instance;

  /// The current workspace's id; only valid once [open] finished.
  static String get id {
    final value = _id;
    if (value == null) throw StateError('No workspace yet: sign in first.');
    return value;
  }

  static DocumentReference<Map<String, dynamic>> get ref => _db.collection('workspaces').doc(id);

  /// Finds the user's workspace. A first sign-in joins the invited workspace, or creates one
  /// the user owns.
  static Future<String> open(User user) async {
    final userDoc = _db.collection('users').doc(user.uid);
    final invite = pendingInvite;
    pendingInvite = null;
    if (invite != null && invite.contains('/')) {
      final parts = invite.split('/');
      await join(user, parts[0], parts[1]);
      return id;
    }
    final known = (await userDoc.get()).data()?['workspaceId'];
    if (known is String) return _id = known;
    final workspace = _db.collection('workspaces').doc();
    final name = (pendingWorkspaceName ?? '').trim();
    pendingWorkspaceName = null;
    await workspace.set({
      'name': name.isEmpty ? "${user.email ?? 'My'}'s workspace" : name,
      'ownerUid': user.uid,
      'createdAt': FieldValue.serverTimestamp(),
    });
    final batch = _db.batch()
      ..set(workspace.collection('members').doc(user.uid), {'role': 'owner', 'email': user.email})
      ..set(userDoc, {'workspaceId': workspace.id});
    await batch.commit();
    return _id = workspace.id;
  }

  /// Uses an invite: one batch marks it used, adds the membership and makes it the user's workspace.
  /// The rules refuse a used or expired invite.
  static Future<void> join(User user, String workspaceId, String inviteId) async {
    final workspace = _db.collection('workspaces').doc(workspaceId);
    final batch = _db.batch()
      ..update(workspace.collection('invites').doc(inviteId), {'usedBy': user.uid})
      ..set(workspace.collection('members').doc(user.uid), {
        'role': 'member',
        'email': user.email,
        'invite': inviteId,
      })
      ..set(_db.collection('users').doc(user.uid), {'workspaceId': workspaceId});
    await batch.commit();
    _id = workspaceId;
  }

  /// An owner's invite code for one person, valid for 7 days.
  static Future<String> createInvite() async {
    final invite = ref.collection('invites').doc();
    await invite.set({
      'usedBy': null,
      'expiresAt': Timestamp.fromDate(DateTime.now().add(const Duration(days: 7))),
    });
    return '$id/${invite.id}';
  }

  static void clear() => _id = null;
}
