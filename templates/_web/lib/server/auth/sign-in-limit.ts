import type { Queryable } from '../database';
import { AuthError } from './auth-error';
import { hashToken } from './tokens';

/** Failed sign-ins allowed per account and address, and per account from anywhere, in WINDOW_MINUTES. */
export const MAX_FAILURES_PER_ADDRESS = 5;
export const MAX_FAILURES_PER_ACCOUNT = 20;
const WINDOW_MINUTES = 15;

/** The keys failures are counted under; hashed so the table holds neither emails nor addresses. */
function keys(email: string, address: string) {
  return { key: hashToken(`${email}\n${address}`), account: hashToken(email) };
}

/** Refuses a sign-in (429) while this account has failed too often, before its password is checked. */
export async function checkSignInAllowed(db: Queryable, email: string, address: string): Promise<void> {
  const { key, account } = keys(email, address);
  const { rows } = await db.query<{ here: number; anywhere: number }>(
    `SELECT count(*) FILTER (WHERE key = $1)::int AS here, count(*)::int AS anywhere
       FROM app_sign_in_failures
      WHERE account = $2 AND failed_at > now() - interval '${WINDOW_MINUTES} minutes'`,
    [key, account],
  );
  const { here = 0, anywhere = 0 } = rows[0] ?? {};
  if (here >= MAX_FAILURES_PER_ADDRESS || anywhere >= MAX_FAILURES_PER_ACCOUNT) {
    throw new AuthError(
      429,
      'too_many_attempts',
      `Too many failed sign-ins for this account; wait ${WINDOW_MINUTES} minutes or reset the password.`,
      undefined,
      WINDOW_MINUTES * 60,
    );
  }
}

export async function recordSignInFailure(db: Queryable, email: string, address: string): Promise<void> {
  const { key, account } = keys(email, address);
  await db.query('INSERT INTO app_sign_in_failures (key, account) VALUES ($1, $2)', [key, account]);
  await db.query(`DELETE FROM app_sign_in_failures WHERE failed_at < now() - interval '1 day'`);
}

/** A successful sign-in or a password reset clears the account's failures. */
export async function clearSignInFailures(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM app_sign_in_failures WHERE account = $1', [keys(email, '').account]);
}
