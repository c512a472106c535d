import type { AppDatabase, Queryable } from '../database';
import { normalizeEmail, createUser } from './accounts';
import { AuthError } from './auth-error';
import type { Session } from './sessions';
import { hashToken, newToken } from './tokens';

const INVITE_DAYS = 7;

const ownerOnly = (session: Session, what: string) => {
  if (session.role !== 'owner') throw new AuthError(403, 'owner_only', `Only an owner of this workspace can ${what}.`);
};

/** A link token that lets one person join the session's workspace, within 7 days. */
export async function createInvite(db: Queryable, session: Session) {
  ownerOnly(session, 'invite people');
  const token = newToken();
  const { rows } = await db.query<{ expires_at: Date | string }>(
    `INSERT INTO app_invites (id, workspace_id, created_by, expires_at)
     VALUES ($1, $2, $3, now() + interval '${INVITE_DAYS} days') RETURNING expires_at`,
    [hashToken(token), session.workspaceId, session.userId],
  );
  return { token, expiresAt: new Date(rows[0]?.expires_at ?? Date.now()).toISOString() };
}

/** Uses up an invite for `userId` (atomically: a second use fails) and makes them a member. */
async function redeemInvite(tx: Queryable, token: unknown, userId: number): Promise<number> {
  const { rows } = await tx.query<{ workspace_id: number }>(
    `UPDATE app_invites SET used_at = now(), used_by = $2
      WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING workspace_id`,
    [hashToken(typeof token === 'string' ? token : ''), userId],
  );
  const workspaceId = rows[0]?.workspace_id;
  if (workspaceId === undefined) {
    throw new AuthError(400, 'invalid_invite', 'This invite link is used or expired; ask the workspace owner for a new one.');
  }
  await tx.query(
    "INSERT INTO app_memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member') ON CONFLICT DO NOTHING",
    [workspaceId, userId],
  );
  return Number(workspaceId);
}

/** Joining by invite: a new account (email and password given) or the signed-in user. */
export async function acceptInvite(
  db: AppDatabase,
  input: { token?: unknown; email?: unknown; password?: unknown },
  signedIn: Session | null,
): Promise<{ userId: number; workspaceId: number }> {
  return db.transaction(async (tx) => {
    const userId = signedIn?.userId ?? (await createUser(tx, normalizeEmail(input.email), String(input.password ?? '')));
    return { userId, workspaceId: await redeemInvite(tx, input.token, userId) };
  });
}

export async function listMembers(db: Queryable, session: Session) {
  const { rows } = await db.query<{ id: number; email: string; role: string; created_at: Date | string }>(
    `SELECT u.id, u.email, m.role, m.created_at FROM app_memberships m JOIN app_users u ON u.id = m.user_id
      WHERE m.workspace_id = $1 ORDER BY m.created_at, u.id`,
    [session.workspaceId],
  );
  return rows.map((r) => ({ id: Number(r.id), email: r.email, role: r.role, since: new Date(r.created_at).toISOString() }));
}

/** An owner removes a member: their membership and their sessions in this workspace end at once. */
export async function removeMember(db: AppDatabase, session: Session, userId: number): Promise<boolean> {
  ownerOnly(session, 'remove people');
  if (userId === session.userId) {
    throw new AuthError(400, 'cannot_remove_self', 'An owner cannot remove themselves; another owner can.');
  }
  return db.transaction(async (tx) => {
    const { rowCount } = await tx.query('DELETE FROM app_memberships WHERE workspace_id = $1 AND user_id = $2', [
      session.workspaceId,
      userId,
    ]);
    await tx.query('DELETE FROM app_sessions WHERE workspace_id = $1 AND user_id = $2', [session.workspaceId, userId]);
    return rowCount > 0;
  });
}
