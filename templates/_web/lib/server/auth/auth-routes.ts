import type { AppDatabase } from '../database';
import { json, notFound, readObject } from '../http';
import { finishPasswordReset, signIn, signUp, startPasswordReset } from './accounts';
import type { Mailer } from './mailer';
import {
  clearedSessionCookie,
  createSession,
  invalidateSession,
  type Session,
  sessionCookie,
  sessionToken,
} from './sessions';
import { acceptInvite, createInvite, listMembers, removeMember } from './workspaces';

export interface AuthContext {
  db: AppDatabase;
  mailer: Mailer;
  /** APP_URL: the public address links are built on; else the address the request came to. */
  appUrl: string | undefined;
}

const methodNotAllowed = () => json({ error: 'method not allowed' }, 405);

/** The origin a link in a mail or log points at. */
function publicOrigin(request: Request, appUrl: string | undefined): string {
  if (appUrl) return new URL(appUrl).origin;
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

async function signedIn(context: AuthContext, request: Request, userId: number, workspaceId: number, status = 200) {
  const { token, expiresAt } = await createSession(context.db, userId, workspaceId);
  return json({ ok: true }, status, { 'set-cookie': sessionCookie(request, token, expiresAt) });
}

export const sessionBody = (session: Session) => ({
  user: { id: session.userId, email: session.email },
  workspace: { id: session.workspaceId, name: session.workspaceName },
  role: session.role,
});

const unauthorized = () => json({ error: 'sign in first', code: 'unauthenticated' }, 401);

/**
 * `/api/auth/*`: sign-up, sign-in, sign-out, the session, password reset, invites and members.
 * `session` is the request's valid session or null; the caller already refused cross-site writes.
 */
export async function authRoute(
  context: AuthContext,
  request: Request,
  rest: string[],
  session: Session | null,
  address: string,
): Promise<Response> {
  const { db } = context;
  const method = request.method.toUpperCase();
  const route = rest.join('/');
  const post = method === 'POST';
  switch (route) {
    case 'session':
      if (method !== 'GET') return methodNotAllowed();
      return session ? json(sessionBody(session)) : unauthorized();
    case 'sign-up': {
      if (!post) return methodNotAllowed();
      const { userId, workspaceId } = await signUp(db, await readObject(request));
      return signedIn(context, request, userId, workspaceId, 201);
    }
    case 'sign-in': {
      if (!post) return methodNotAllowed();
      const { userId, workspaceId } = await signIn(db, await readObject(request), address);
      return signedIn(context, request, userId, workspaceId);
    }
    case 'sign-out':
      if (!post) return methodNotAllowed();
      await invalidateSession(db, sessionToken(request));
      return new Response(null, { status: 204, headers: { 'set-cookie': clearedSessionCookie(request) } });
    case 'password-reset': {
      if (!post) return methodNotAllowed();
      const started = await startPasswordReset(db, (await readObject(request)).email);
      if (started) {
        const link = `${publicOrigin(request, context.appUrl)}/reset-password?token=${started.token}`;
        await context.mailer({
          to: started.email,
          subject: 'Reset your password',
          text: `Someone asked to reset the password of this account. Open this link within an hour to choose a new one:\n${link}\nIf it was not you, ignore this message.`,
        });
      }
      // The same answer either way, so the form does not tell who has an account.
      return json({ ok: true, message: 'If that email has an account, a reset link is on its way.' }, 202);
    }
    case 'password-reset/confirm': {
      if (!post) return methodNotAllowed();
      const body = await readObject(request);
      await finishPasswordReset(db, body.token, body.password);
      return json({ ok: true });
    }
    case 'join': {
      if (!post) return methodNotAllowed();
      const { userId, workspaceId } = await acceptInvite(db, await readObject(request), session);
      return signedIn(context, request, userId, workspaceId, 201);
    }
  }
  if (!session) return unauthorized();
  if (route === 'invites') {
    if (!post) return methodNotAllowed();
    const { token, expiresAt } = await createInvite(db, session);
    return json({ url: `${publicOrigin(request, context.appUrl)}/join?token=${token}`, expiresAt }, 201);
  }
  if (route === 'members') {
    if (method !== 'GET') return methodNotAllowed();
    return json({ items: await listMembers(db, session), role: session.role });
  }
  const [head, id, ...extra] = rest;
  if (head === 'members' && id && extra.length === 0 && /^[1-9]\d{0,9}$/.test(id)) {
    if (method !== 'DELETE') return methodNotAllowed();
    return (await removeMember(db, session, Number(id))) ? new Response(null, { status: 204 }) : notFound();
  }
  return notFound();
}
