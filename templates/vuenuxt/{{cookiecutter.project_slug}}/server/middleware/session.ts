import { isPublicPage, pageSession, signInPath } from '../../lib/server/page-session';

/**
 * Every page except the landing and account pages needs a signed-in user: a visitor is sent to sign
 * in (and back afterwards). The session is checked against the database, not just looked for; the
 * JSON API checks it again on its own (401) and scopes every record to its workspace.
 */
export default defineEventHandler(async (event) => {
  const { pathname } = getRequestURL(event);
  if (pathname.startsWith('/api/') || pathname.startsWith('/_nuxt/') || pathname.startsWith('/__nuxt')) return;
  if (/\.[a-z0-9]+$/i.test(pathname)) return;
  const session = await pageSession(getHeader(event, 'cookie'));
  if (!session && !isPublicPage(pathname)) return sendRedirect(event, signInPath(event.path), 302);
  if (session && (pathname === '/sign-in' || pathname === '/sign-up')) return sendRedirect(event, '/dashboard', 302);
});
