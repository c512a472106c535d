import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { pageSession, SESSION_COOKIE, type Session, signInPath } from '@/lib/server/page-session';

/** The signed-in session of this page request, or null. */
export async function currentSession(): Promise<Session | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? pageSession(`${SESSION_COOKIE}=${token}`) : null;
}

/** The session, or a redirect to sign-in that comes back to `path`: the first line of every private page. */
export async function requireSession(path: string): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect(signInPath(path));
  return session;
}

/** For the sign-in and sign-up pages: a signed-in visitor goes straight to the dashboard. */
export async function redirectIfSignedIn(): Promise<void> {
  if (await currentSession()) redirect('/dashboard');
}
