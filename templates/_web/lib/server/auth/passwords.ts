import bcrypt from 'bcryptjs';
import { AuthError } from './auth-error';

// The app's own tests (NODE_ENV=test, as `npm test` runs them) hash and verify every password
// the same way at bcrypt's lowest cost: its 11 rounds took a third of their CPU. Anything else
// (`npm start`, a deploy) hashes at 11.
const ROUNDS = process.env.NODE_ENV === 'test' ? 4 : 11;
/** bcrypt reads at most 72 bytes; a longer password is refused rather than silently cut. */
const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 8;

/** Says what is wrong with a new password, before anything is stored. */
export function checkNewPassword(password: unknown): string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new AuthError(400, 'weak_password', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`, 'password');
  }
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw new AuthError(400, 'weak_password', `Choose a password of at most ${MAX_PASSWORD_BYTES} bytes.`, 'password');
  }
  return password;
}

export const hashPassword = (password: string) => bcrypt.hash(password, ROUNDS);

// Compared when the account does not exist, so an unknown email takes as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', ROUNDS);

export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password.slice(0, 200), hash ?? DUMMY_HASH);
  return ok && hash !== undefined;
}
