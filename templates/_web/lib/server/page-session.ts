import { getAppContext } from './app-context';
import { type Session, tokenFromCookieHeader, validateSession } from './auth/sessions';

export type { Session } from './auth/sessions';
export { SESSION_COOKIE } from './auth/sessions';
export { safeNext, signInPath } from '../auth-paths';

/** Pages anyone may open; every other page needs a signed-in user (the API answers 401 on its own). */
const PUBLIC_PAGES = new Set(['/', '/sign-in', '/sign-up', '/reset-password', '/join']);

export const isPublicPage = (pathname: string) => PUBLIC_PAGES.has(pathname.replace(/\/+$/, '') || '/');

/** The signed-in session a page request carries (by its Cookie header), checked against the database. */
export async function pageSession(cookieHeader: string | null | undefined): Promise<Session | null> {
  const token = tokenFromCookieHeader(cookieHeader);
  if (!token) return null;
  const { db } = await getAppContext();
  return validateSession(db, token);
}
