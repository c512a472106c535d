import type { Queryable } from '../database';
import { hashToken, newToken } from './tokens';

export type Role = 'owner' | 'member';

/** Who is signed in, and the workspace every record they touch belongs to. */
export interface Session {
  userId: number;
  email: string;
  workspaceId: number;
  workspaceName: string;
  role: Role;
  expiresAt: Date;
}

export const SESSION_COOKIE = 'app_session';
const DAY = 24 * 60 * 60 * 1000;
const SESSION_DAYS = 30;

/** Starts a session in `workspaceId`; the token goes to the cookie, its hash to the database. */
export async function createSession(db: Queryable, userId: number, workspaceId: number, now = new Date()) {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
  await db.query('INSERT INTO app_sessions (id, user_id, workspace_id, expires_at) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    userId,
    workspaceId,
    expiresAt,
  ]);
  return { token, expiresAt };
}

/**
 * The session a cookie's token names, or null when it is unknown, expired, or its user is no longer a
 * member of the workspace. A session used in its second half is extended (a sliding 30 days).
 */
export async function validateSession(db: Queryable, token: string | undefined, now = new Date()): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const { rows } = await db.query<{
    user_id: number;
    email: string;
    workspace_id: number;
    name: string;
    role: Role;
    expires_at: Date | string;
  }>(
    `SELECT s.user_id, u.email, s.workspace_id, w.name, m.role, s.expires_at
       FROM app_sessions s
       JOIN app_users u ON u.id = s.user_id
       JOIN app_memberships m ON m.user_id = s.user_id AND m.workspace_id = s.workspace_id
       JOIN app_workspaces w ON w.id = s.workspace_id
      WHERE s.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  let expiresAt = new Date(row.expires_at);
  if (expiresAt.getTime() <= now.getTime()) {
    await db.query('DELETE FROM app_sessions WHERE id = $1', [id]);
    return null;
  }
  if (expiresAt.getTime() - now.getTime() < (SESSION_DAYS / 2) * DAY) {
    expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
    await db.query('UPDATE app_sessions SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
  }
  return {
    userId: Number(row.user_id),
    email: row.email,
    workspaceId: Number(row.workspace_id),
    workspaceName: row.name,
    role: row.role,
    expiresAt,
  };
}

export async function invalidateSession(db: Queryable, token: string | undefined): Promise<void> {
  if (token) await db.query('DELETE FROM app_sessions WHERE id = $1', [hashToken(token)]);
}

/** The session token in a Cookie header. */
export function tokenFromCookieHeader(header: string | null | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined; // a mangled cookie is no session, not a server error
    }
  }
  return undefined;
}

/** The session token in a request's Cookie header. */
export const sessionToken = (request: Request) => tokenFromCookieHeader(request.headers.get('cookie'));

/** Whether the browser reached the app over https (directly or through a proxy that says so). */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

/** Set-Cookie for a session: HttpOnly, SameSite=Lax, Secure over https, for the whole site. */
export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  const secure = isHttps(request) ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function clearedSessionCookie(request: Request): string {
  const secure = isHttps(request) ? '; Secure' : '';
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}
