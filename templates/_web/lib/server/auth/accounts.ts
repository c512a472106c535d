import type { AppDatabase, Queryable } from '../database';
import { AuthError } from './auth-error';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords';
import { checkSignInAllowed, clearSignInFailures, recordSignInFailure } from './sign-in-limit';
import { hashToken, newToken } from './tokens';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const RESET_MINUTES = 60;
/** Reset links mailed per account per hour; more are silently not sent, so nobody floods an inbox. */
export const MAX_RESETS_PER_HOUR = 3;

/** The account's email as stored (trimmed, lower case); refuses what is not an address. */
export function normalizeEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!EMAIL.test(email) || email.length > 254) {
    throw new AuthError(400, 'invalid_email', 'Enter an email address such as name@example.com.', 'email');
  }
  return email;
}

function workspaceNameOf(raw: unknown, email: string): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length > 100) throw new AuthError(400, 'invalid_name', 'Use at most 100 characters.', 'workspaceName');
  return name || `${email.split('@')[0]}'s workspace`.slice(0, 100);
}

/** A new user; 409 when the email already has an account. */
export async function createUser(db: Queryable, email: string, password: string): Promise<number> {
  const hash = await hashPassword(checkNewPassword(password));
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO app_users (email, password_hash) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING RETURNING id',
    [email, hash],
  );
  if (!rows[0]) throw new AuthError(409, 'email_taken', 'An account with this email exists; sign in or reset its password.', 'email');
  return Number(rows[0].id);
}

export async function createWorkspace(db: Queryable, name: string, ownerId: number): Promise<number> {
  const { rows } = await db.query<{ id: number }>('INSERT INTO app_workspaces (name) VALUES ($1) RETURNING id', [name]);
  const workspaceId = Number(rows[0]?.id);
  await db.query("INSERT INTO app_memberships (workspace_id, user_id, role) VALUES ($1, $2, 'owner')", [workspaceId, ownerId]);
  return workspaceId;
}

/** Sign-up without an invite: a new user who owns a new workspace. */
export async function signUp(db: AppDatabase, input: { email?: unknown; password?: unknown; workspaceName?: unknown }) {
  const email = normalizeEmail(input.email);
  const password = checkNewPassword(input.password);
  const name = workspaceNameOf(input.workspaceName, email);
  return db.transaction(async (tx) => {
    const userId = await createUser(tx, email, password);
    return { userId, workspaceId: await createWorkspace(tx, name, userId) };
  });
}

/** Checks a password, at most a few times per account and address; the workspace is the user's first. */
export async function signIn(db: Queryable, input: { email?: unknown; password?: unknown }, address: string) {
  const email = normalizeEmail(input.email);
  const password = typeof input.password === 'string' ? input.password : '';
  await checkSignInAllowed(db, email, address);
  const { rows } = await db.query<{ id: number; password_hash: string }>(
    'SELECT id, password_hash FROM app_users WHERE email = $1',
    [email],
  );
  const user = rows[0];
  if (!(await verifyPassword(password, user?.password_hash)) || !user) {
    await recordSignInFailure(db, email, address);
    throw new AuthError(401, 'wrong_credentials', 'That email and password do not match an account.');
  }
  const membership = await db.query<{ workspace_id: number }>(
    'SELECT workspace_id FROM app_memberships WHERE user_id = $1 ORDER BY created_at, workspace_id LIMIT 1',
    [user.id],
  );
  const workspaceId = membership.rows[0]?.workspace_id;
  if (workspaceId === undefined) {
    throw new AuthError(403, 'no_workspace', 'This account belongs to no workspace any more; ask an owner for a new invite.');
  }
  await clearSignInFailures(db, email);
  return { userId: Number(user.id), workspaceId: Number(workspaceId) };
}

/** A single-use reset token for the account, or null when there is none or it had enough this hour (the caller answers alike). */
export async function startPasswordReset(db: Queryable, rawEmail: unknown): Promise<{ email: string; token: string } | null> {
  const email = normalizeEmail(rawEmail);
  const { rows } = await db.query<{ id: number }>('SELECT id FROM app_users WHERE email = $1', [email]);
  if (!rows[0]) return null;
  // A link lives RESET_MINUTES (an hour): the unexpired ones are those asked for in the last hour.
  const recent = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM app_password_resets WHERE user_id = $1 AND expires_at > now()',
    [rows[0].id],
  );
  if ((recent.rows[0]?.n ?? 0) >= MAX_RESETS_PER_HOUR) return null;
  const token = newToken();
  await db.query(
    `INSERT INTO app_password_resets (id, user_id, expires_at) VALUES ($1, $2, now() + interval '${RESET_MINUTES} minutes')`,
    [hashToken(token), rows[0].id],
  );
  return { email, token };
}

/** Sets a new password with a reset token (once, before it expires) and signs the account out everywhere. */
export async function finishPasswordReset(db: AppDatabase, token: unknown, password: unknown): Promise<number> {
  const fresh = checkNewPassword(password);
  const hash = await hashPassword(fresh);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ user_id: number }>(
      `UPDATE app_password_resets SET used_at = now()
        WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
      [hashToken(typeof token === 'string' ? token : '')],
    );
    const userId = rows[0]?.user_id;
    if (userId === undefined) {
      throw new AuthError(400, 'invalid_token', 'This reset link is used or expired; ask for a new one.');
    }
    const { rows: users } = await tx.query<{ email: string }>(
      'UPDATE app_users SET password_hash = $2 WHERE id = $1 RETURNING email',
      [userId, hash],
    );
    await tx.query('DELETE FROM app_sessions WHERE user_id = $1', [userId]);
    await tx.query('UPDATE app_password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
    if (users[0]) await clearSignInFailures(tx, users[0].email);
    return Number(userId);
  });
}
