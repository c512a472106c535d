import type { EntityDef } from '../entity-types';
import { validateInput } from '../validation';
import type { AppDatabase } from './database';
import {
  dashboardSummary,
  deleteRecord,
  getRecord,
  InvalidRecordError,
  type ListQuery,
  listRecords,
  RecordInUseError,
  recordOptions,
  relatedRecords,
  createRecord,
  updateRecord,
} from './records';
import { redactUrl } from './settings';

/** What the API needs: the opened, migrated database and the entities of the spec. */
export interface AppContext {
  db: AppDatabase;
  entities: EntityDef[];
  lookup: (name: string) => EntityDef | undefined;
}

/** Bodies past this are refused with 413 before they are parsed; a long value inside the limit gets a 400 naming its field. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
const notFound = (what = 'not found') => json({ error: what }, 404);

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new RequestError(413, 'the body is larger than 4 MB');
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new RequestError(413, 'the body is larger than 4 MB');
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'the body must be JSON');
  }
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

async function entityRoute(context: AppContext, request: Request, entity: EntityDef, rest: string[]): Promise<Response> {
  const { db, entities, lookup } = context;
  const method = request.method.toUpperCase();
  const url = new URL(request.url);
  const [first, second, ...extra] = rest;
  if (extra.length > 0) return notFound();
  if (first === undefined) {
    if (method === 'GET') return json(await listRecords(db, entity, lookup, listQuery(entity, url.searchParams)));
    if (method === 'POST') {
      const checked = validateInput(entity, await readJson(request), false);
      if (!checked.ok) return json({ error: 'invalid input', fields: checked.errors }, 400);
      return json(await createRecord(db, entity, lookup, checked.values), 201);
    }
    return json({ error: 'method not allowed' }, 405);
  }
  if (first === 'options' && second === undefined) {
    if (method !== 'GET') return json({ error: 'method not allowed' }, 405);
    const limit = Number(url.searchParams.get('limit') ?? 50) || 50;
    return json({ items: await recordOptions(db, entity, url.searchParams.get('q') ?? undefined, limit) });
  }
  const id = parseId(first);
  if (id === null) return notFound();
  if (second === 'related') {
    if (method !== 'GET') return json({ error: 'method not allowed' }, 405);
    if (!(await getRecord(db, entity, lookup, id))) return notFound();
    return json({ related: await relatedRecords(db, entity, entities, lookup, id) });
  }
  if (second !== undefined) return notFound();
  switch (method) {
    case 'GET': {
      const row = await getRecord(db, entity, lookup, id);
      return row ? json(row) : notFound();
    }
    case 'PUT':
    case 'PATCH': {
      const checked = validateInput(entity, await readJson(request), true);
      if (!checked.ok) return json({ error: 'invalid input', fields: checked.errors }, 400);
      const row = await updateRecord(db, entity, lookup, id, checked.values);
      return row ? json(row) : notFound();
    }
    case 'DELETE':
      return (await deleteRecord(db, entity, entities, id)) ? new Response(null, { status: 204 }) : notFound();
    default:
      return json({ error: 'method not allowed' }, 405);
  }
}

/**
 * The app's whole JSON API on web-standard Request and Response, so every framework's route is a
 * one-line adapter. `path` is what follows `/api/`.
 */
export function createApiHandler(getContext: () => Promise<AppContext>) {
  return async function handleApiRequest(request: Request, path: string[]): Promise<Response> {
    const [head, ...rest] = path;
    if (head === 'health' && rest.length === 0) return health(getContext);
    let context: AppContext;
    try {
      context = await getContext();
    } catch (error) {
      console.error('database unavailable:', describe(error));
      return json({ error: `database unavailable: ${describe(error)}` }, 503);
    }
    try {
      if (head === 'dashboard' && rest.length === 0) {
        if (request.method !== 'GET') return json({ error: 'method not allowed' }, 405);
        return json({ entities: await dashboardSummary(context.db, context.entities, context.lookup) });
      }
      const entity = context.entities.find((e) => e.route === head);
      return entity ? await entityRoute(context, request, entity, rest) : notFound();
    } catch (error) {
      if (error instanceof RequestError) return json({ error: error.message }, error.status);
      if (error instanceof InvalidRecordError) return json({ error: 'invalid input', fields: error.fields }, 400);
      if (error instanceof RecordInUseError) return json({ error: error.message }, 409);
      console.error(`${request.method} /api/${path.join('/')} failed:`, error);
      return json({ error: 'internal error; see the server log' }, 500);
    }
  };
}
