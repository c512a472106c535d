import { z } from 'zod';

/** A timestamp that survives a JSON round trip: accepts a Date or an ISO string. */
export const Timestamp = z.coerce.date();

/** Identifiers handed out by the factory (UUIDs). */
export const Id = z.string().uuid();

/** True when `text` has a control character other than tab, newline or carriage return. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

/** Free text from a user or a model: bounded, without control characters other than newlines and tabs. */
export function boundedText(max: number) {
  return z
    .string()
    .max(max)
    .refine((text) => !hasControlCharacter(text), 'must not contain control characters');
}

export const JsonRecord = z.record(z.string(), z.unknown());
export type JsonRecord = z.infer<typeof JsonRecord>;
