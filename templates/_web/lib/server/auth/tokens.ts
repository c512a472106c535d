import { createHash, randomBytes } from 'node:crypto';

/** A secret for a cookie or a link: 160 random bits, URL-safe. Only its hash is stored. */
export const newToken = () => randomBytes(20).toString('base64url');

/** What the database keeps instead of a token, so a leaked table opens no session and no link. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
