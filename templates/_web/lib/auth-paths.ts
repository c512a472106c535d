// Paths of the sign-in flow, shared by pages, forms and the server (no server imports).

/** Where to send a signed-out visitor: the sign-in page, coming back to `path` (same-site paths only). */
export function signInPath(path: string): string {
  const back = path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/dashboard';
  return `/sign-in?next=${encodeURIComponent(back)}`;
}

/** A `next` parameter made safe to redirect to after signing in: a path on this site, else the dashboard. */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/dashboard';
}
