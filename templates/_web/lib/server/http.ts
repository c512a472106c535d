// The small HTTP vocabulary of the API: JSON answers, bounded JSON bodies, same-origin writes.

/** Bodies past this are refused with 413 before they are parsed; a long value inside the limit gets a 400 naming its field. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

export const notFound = (what = 'not found'): Response => json({ error: what }, 404);

export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readJson(request: Request): Promise<unknown> {
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

/** A JSON object body (anything else is a 400). */
export async function readObject(request: Request): Promise<Record<string, unknown>> {
  const body = await readJson(request);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new RequestError(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF guard beside SameSite=Lax cookies: a browser names the page that sent a write in `Origin`
 * (or at least `Sec-Fetch-Site`); a write from any other site is refused before it is read.
 * `appUrl` (APP_URL) is the public address when a proxy rewrites the Host header.
 */
export function isCrossSiteWrite(request: Request, appUrl: string | undefined): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get('origin');
  if (origin) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
    const allowed = new Set([host, new URL(request.url).host]);
    if (appUrl) allowed.add(new URL(appUrl).host);
    try {
      return !allowed.has(new URL(origin).host);
    } catch {
      return true;
    }
  }
  const site = request.headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

/** The caller's address for rate limits: the first proxy hop when there is one. */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip') || 'direct';
}
