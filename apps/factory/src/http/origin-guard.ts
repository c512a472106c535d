import type { IncomingHttpHeaders } from 'node:http';
import type { HostPolicy } from './allowed-hosts';
import { parseHost } from './allowed-hosts';
import { HttpError } from './http-error';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443 };

const shown = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

function hostRefusal(header: string | undefined, policy: HostPolicy): HttpError | undefined {
  const host = parseHost(header ?? '');
  if (host && policy.allows({ name: host.name, port: host.port ?? 80 })) return undefined;
  const name = host?.name ?? 'that-host';
  return new HttpError({
    statusCode: 421,
    code: 'HOST_NOT_ALLOWED',
    message:
      `This server does not answer to Host ${shown(header ?? '')}; it answers to 127.0.0.1, localhost and ` +
      `[::1] on its own port. If you reach it under that name, allow it: factory serve --allowed-host ${name} ` +
      `(or FACTORY_ALLOWED_HOSTS=${name}, or http.allowedHosts in the config file).`,
  });
}

function originAllowed(origin: string, policy: HostPolicy): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const defaultPort = DEFAULT_PORT[url.protocol];
  if (defaultPort === undefined || url.origin !== origin.toLowerCase()) return false;
  const host = parseHost(url.host);
  return host !== undefined && policy.allows({ name: host.name, port: host.port ?? defaultPort });
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Refuses what a page on another site could make a browser send. `Origin`, when sent, must be
 * this server's (or an allowed host's); without it, `Sec-Fetch-Site` must not say another site
 * sent the request, except for a top-level navigation (a link to the dashboard).
 */
function crossSiteRefusal(method: string, headers: IncomingHttpHeaders, policy: HostPolicy) {
  const origin = first(headers.origin);
  const refuse = (why: string) =>
    new HttpError({
      statusCode: 403,
      code: 'CROSS_ORIGIN',
      message: `${why}; this API only takes requests from its own pages and from clients that are not browsers.`,
    });
  if (origin !== undefined) {
    return originAllowed(origin, policy)
      ? undefined
      : refuse(`Requests from origin ${shown(origin)} are refused`);
  }
  const site = first(headers['sec-fetch-site']);
  if (site !== 'cross-site' && site !== 'same-site') return undefined;
  const dest = first(headers['sec-fetch-dest']);
  const navigation =
    (method === 'GET' || method === 'HEAD') &&
    first(headers['sec-fetch-mode']) === 'navigate' &&
    (dest === undefined || dest === 'document');
  return navigation ? undefined : refuse(`Requests a page on another site (${site}) sends are refused`);
}

function contentTypeRefusal(method: string, headers: IncomingHttpHeaders): HttpError | undefined {
  if (!STATE_CHANGING.has(method)) return undefined;
  const type = headers['content-type'];
  const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
  const mediaType = type === undefined ? undefined : type.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || (mediaType === undefined && !hasBody)) return undefined;
  return new HttpError({
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `Send the body as JSON with content-type: application/json (got ${shown(type ?? 'none')}), or send no body.`,
  });
}

/**
 * What a request must pass before any route sees it: a Host we answer to (against DNS
 * rebinding), no other site behind it (against CSRF), and JSON or no body on state-changing routes
 * (a form or `text/plain` body is what a page can send without a CORS preflight).
 */
export function requestRefusal(
  request: { method: string; headers: IncomingHttpHeaders; is404: boolean },
  policy: HostPolicy,
): HttpError | undefined {
  return (
    hostRefusal(request.headers.host, policy) ??
    crossSiteRefusal(request.method, request.headers, policy) ??
    (request.is404 ? undefined : contentTypeRefusal(request.method, request.headers))
  );
}
