import type { EntityDef } from '../entity-types';
import { validateInput } from '../validation';
import { authRoute } from './auth/auth-routes';
import { AuthError } from './auth/auth-error';
import type { Mailer } from './auth/mailer';
import { sessionToken, validateSession } from './auth/sessions';
import type { AppDatabase } from './database';
import { clientAddress, isCrossSiteWrite, json, notFound, RequestError, readJson } from './http';
import { InvalidRecordError, type ListQuery, RecordInUseError, type WorkspaceRecords, workspaceRecords } from './records';
import { redactUrl } from './settings';

export { MAX_BODY_BYTES } from './http';

/** What the API needs: the opened, migrated database, the entities of the spec, and how to send mail. */
export interface AppContext {
  db: AppDatabase;
  entities: EntityDef[];
  lookup: (name: string) => EntityDef | undefined;
  mailer: Mailer;
  /** APP_URL, when set: the public address of the app (links in mails, the allowed Origin). */
  appUrl: string | undefined;
}

const parseId = (raw: string | undefined) => (raw && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null);

function listQuery(entity: EntityDef, params: URLSearchParams): ListQuery {
  const number = (name: string) => {
    const value = Number(params.get(name));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const where: Record<string, number> = {};
  for (const field of entity.fields) {
    const id = field.type === 'reference' ? parseId(params.get(field.name) ?? undefined) : null;
    if (id !== null) where[field.name] = id;
  }
  return {
    page: number('page'),
    limit: number('limit'),
    sort: params.get('sort') ?? undefined,
    dir: params.get('dir') === 'asc' ? 'asc' : 'desc',
    q: params.get('q') ?? undefined,
    where,
  };
}

async function health(getContext: () => Promise<AppContext>): Promise<Response> {
  try {
    const { db, entities } = await getContext();
    // A real write and read: "up" means the app can use its tables, not only that a socket answers.
    const written = await db.query<{ value: string }>(
      "INSERT INTO app_meta (key, value) VALUES ('health', now()::text) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now() RETURNING value",
    );
    for (const entity of entities) await db.query(`SELECT count(*) FROM "${entity.table}"`);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    return json({
      status: 'ok',
      db: written.rows.length === 1 ? 'up' : 'down',
      backend: db.kind,
      schema: db.schema,
      migrations: rows[0]?.n ?? 0,
      uptimeSeconds: Math.round(process.uptime()),
    });
  } catch (error) {
    return json({ status: 'error', db: 'down', error: describe(error) }, 503);
  }
}

/** An error message with any database URL in it redacted. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/postgres(ql)?:\/\/\S+/g, (url) => redactUrl(url));
}

async function entityRoute(
  records: WorkspaceRecords,
  request: Request,
  entity: EntityDef,
  rest: string[],
): Promise<Response> {
  const method = request.method.toUpperCase();
  const url = new URL(request.url);
  const [first, second, ...extra] = rest;
  if (extra.length > 0) return notFound();
  if (first === undefined) {
    if (method === 'GET') return json(await records.list(entity, listQuery(entity, url.searchParams)));
    if (method === 'POST') {
      const checked = validateInput(entity, await readJson(request), false);
      if (!checked.ok) return json({ error: 'invalid input', fields: checked.errors }, 400);
      return json(await records.create(entity, checked.values), 201);
    }
    return json({ error: 'method not allowed' }, 405);
  }
  if (first === 'options' && second === undefined) {
    if (method !== 'GET') return json({ error: 'method not allowed' }, 405);
    const limit = Number(url.searchParams.get('limit') ?? 50) || 50;
    return json({ items: await records.options(entity, url.searchParams.get('q') ?? undefined, limit) });
  }
  const id = parseId(first);
  if (id === null) return notFound();
  if (second === 'related') {
    if (method !== 'GET') return json({ error: 'method not allowed' }, 405);
    if (!(await records.get(entity, id))) return notFound();
    return json({ related: await records.related(entity, id) });
  }
  if (second !== undefined) return notFound();
  switch (method) {
    case 'GET': {
      const row = await records.get(entity, id);
      return row ? json(row) : notFound();
    }
    case 'PUT':
    case 'PATCH': {
      const checked = validateInput(entity, await readJson(request), true);
      if (!checked.ok) return json({ error: 'invalid input', fields: checked.errors }, 400);
      const row = await records.update(entity, id, checked.values);
      return row ? json(row) : notFound();
    }
    case 'DELETE':
      return (await records.remove(entity, id)) ? new Response(null, { status: 204 }) : notFound();
    default:
      return json({ error: 'method not allowed' }, 405);
  }
}

/**
 * The app's whole JSON API on web-standard Request and Response, so every framework's route is a
 * one-line adapter. `path` is what follows `/api/`; `address` is the caller's IP when the framework
 * knows it (sign-in limits count per account and address), else the X-Forwarded-For header's.
 */
export function createApiHandler(getContext: () => Promise<AppContext>) {
  return async function handleApiRequest(request: Request, path: string[], address?: string): Promise<Response> {
    const [head, ...rest] = path;
    if (head === 'health' && rest.length === 0) return health(getContext);
    let context: AppContext;
    try {
      context = await getContext();
    } catch (error) {
      console.error('database unavailable:', describe(error));
      return json({ error: `database unavailable: ${describe(error)}` }, 503);
    }
    if (isCrossSiteWrite(request, context.appUrl)) {
      return json({ error: 'a write from another site is refused; use the app itself', code: 'cross_site' }, 403);
    }
    try {
      const session = await validateSession(context.db, sessionToken(request));
      if (head === 'auth') return await authRoute(context, request, rest, session, address ?? clientAddress(request));
      if (!session) return json({ error: 'sign in first', code: 'unauthenticated' }, 401);
      // The only way to the records: bound to the session's workspace, never to anything the request says.
      const records = workspaceRecords(context.db, session.workspaceId, context.entities);
      if (head === 'dashboard' && rest.length === 0) {
        if (request.method !== 'GET') return json({ error: 'method not allowed' }, 405);
        return json({ entities: await records.dashboard() });
      }
      const entity = context.entities.find((e) => e.route === head);
      return entity ? await entityRoute(records, request, entity, rest) : notFound();
    } catch (error) {
      if (error instanceof AuthError) {
        const headers: Record<string, string> = error.retryAfter ? { 'retry-after': String(error.retryAfter) } : {};
        const fields = error.field ? { [error.field]: error.message } : undefined;
        return json({ error: error.message, code: error.code, fields }, error.status, headers);
      }
      if (error instanceof RequestError) return json({ error: error.message }, error.status);
      if (error instanceof InvalidRecordError) return json({ error: 'invalid input', fields: error.fields }, 400);
      if (error instanceof RecordInUseError) return json({ error: error.message }, 409);
      console.error(`${request.method} /api/${path.join('/')} failed:`, error);
      return json({ error: 'internal error; see the server log' }, 500);
    }
  };
}
