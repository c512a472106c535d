import { InvalidConfigError, StartupRef } from '@startup-factory/contracts';
import { z } from 'zod';
import { HttpError } from './http-error';

/** A startup's UUID or slug; anything else (a NUL byte, a quote, a slash) never reaches the store. */
const StartupParams = z.object({ id: StartupRef });
/** The longest startup reference: a UUID is 36 characters, a slug at most 60. */
const MAX_REF_LENGTH = 100;

/** Parses request input with `schema`; a failure is INVALID_CONFIG naming each bad field. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw InvalidConfigError.fromZod(result.error, subject);
  return result.data;
}

/** The `:id` of a `/api/startups/:id/...` route, checked before any factory operation runs. */
export function startupRefOf(request: { params: unknown }): string {
  const raw = (request.params as { id?: unknown }).id;
  if (typeof raw === 'string' && raw.length > MAX_REF_LENGTH) {
    throw new HttpError({
      statusCode: 414,
      code: 'URI_TOO_LONG',
      message: `A startup reference is at most ${MAX_REF_LENGTH} characters (a UUID or a slug); this one has ${raw.length}.`,
    });
  }
  return parseRequest(StartupParams, request.params, 'startup reference').id;
}
