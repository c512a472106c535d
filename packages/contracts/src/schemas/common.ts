import { z } from 'zod';

/** A timestamp that survives a JSON round trip: accepts a Date or an ISO string. */
export const Timestamp = z.coerce.date();

/** Identifiers handed out by the factory (UUIDs). */
export const Id = z.string().uuid();

/** Free text from a user or a model: bounded, without control characters other than newlines and tabs. */
export function boundedText(max: number) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  return z.string().max(max).regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not contain control characters');
}

export const JsonRecord = z.record(z.string(), z.unknown());
export type JsonRecord = z.infer<typeof JsonRecord>;
