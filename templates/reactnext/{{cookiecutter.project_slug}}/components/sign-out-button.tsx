'use client';

import { sendJson } from '@/lib/api-client';

/** Ends the session on the server, then reloads at the sign-in page so no page keeps showing data. */
export function SignOutButton({ className }: { className: string }) {
  async function signOut() {
    await sendJson('POST', '/api/auth/sign-out').catch(() => undefined);
    window.location.assign('/sign-in');
  }
  return (
    <button type="button" className={className} onClick={signOut}>
      Sign out
    </button>
  );
}
