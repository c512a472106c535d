import { timingSafeEqual } from 'node:crypto';
import { FactoryError, InvalidConfigError, StartupStatus } from '@startup-factory/contracts';
import { dashboardPlugin, type FactoryMetrics } from '@startup-factory/production';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Factory } from '../factory';
import { type HostAndPort, HostPolicy, parseHost } from './allowed-hosts';
import { registerDeployRoutes } from './deploy-routes';
import { registerEvolveRoutes } from './evolve-routes';
import { HttpError } from './http-error';
import { parseJsonBody } from './json-body-parser';
import { requestRefusal } from './origin-guard';
import { parseRequest, startupRefOf } from './route-input';
import { trackRouteMethods } from './route-methods';

const STATUS_BY_CODE: Partial<Record<FactoryError['code'], number>> = {
  INVALID_CONFIG: 400,
  UNSAFE_PATH: 400,
  TEMPLATE_UNSUPPORTED: 400,
  NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  CONCURRENCY_LIMIT: 429,
  QUOTA_EXCEEDED: 429,
  INSUFFICIENT_MEMORY: 503,
  INSUFFICIENT_RESOURCES: 503,
  PORTS_EXHAUSTED: 503,
  STORE_UNAVAILABLE: 503,
  STARTUP_LEASED: 409,
  DATA_DIR_LOCKED: 503,
  QUEUE_UNAVAILABLE: 503,
  DEPLOY_FAILED: 502,
  SPEC_CHANGE_REFUSED: 409,
  EVOLVE_FAILED: 422,
  CHANGE_NOT_UNDERSTOOD: 422,
};

const ApproveBody = z
  .object({ reject: z.boolean().optional(), spec: z.unknown().optional() })
  .strict()
  .default({});
const ListQuery = z.object({ status: z.union([StartupStatus, z.array(StartupStatus)]).optional() }).strict();
const DeleteQuery = z.object({ keepFiles: z.enum(['true', 'false']).optional() }).strict();

const CODE_BY_STATUS: Record<number, string> = {
  404: 'NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface HttpServerOptions {
  token?: string;
  /**
   * Host names (`name` or `name:port`) the server answers to besides the loopback names and its
   * own listening address, such as the name of a reverse proxy in front of it.
   */
  allowedHosts?: string[];
  /** Logs each request and every failure; none when absent. */
  logger?: Logger;
  /** Metrics served at /metrics; the dashboard creates its own from the event stream when absent. */
  metrics?: FactoryMetrics;
}

function parseAllowedHosts(entries: string[]): HostAndPort[] {
  return entries.map((entry) => {
    const host = parseHost(entry.trim());
    if (!host)
      throw new InvalidConfigError({
        message: `Allowed host ${JSON.stringify(entry)} is not a host name or host:port (such as factory.lan or factory.lan:8443).`,
      });
    return host;
  });
}

/**
 * The HTTP API over the same operations as the CLI. JSON in and out; validation errors are 400
 * with each field's path. Every request must name a host the server answers to and come from no
 * other site (see `requestRefusal`); a bearer token is required whenever one is configured. The
 * dashboard (`/`, `/api/dashboard/*`, `/api/events`, `/metrics`) is mounted alongside.
 */
export function buildHttpServer(
  factory: Factory,
  { token, metrics, logger, allowedHosts = [] }: HttpServerOptions = {},
): FastifyInstance {
  // Errors the router raises before any hook runs (a bad escape, an over-long id) get our shape too.
  const frameworkErrors = (error: Error & { code?: string }, _request: unknown, reply: FastifyReply) =>
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? reply.code(414).send({
          error: { code: 'URI_TOO_LONG', message: 'A path segment is over 100 characters; check the URL.' },
        })
      : reply.code(400).send({
          error: { code: 'BAD_URL', message: 'The URL has an invalid %-escape; check the URL.' },
        });
  const options = { bodyLimit: 1_000_000, frameworkErrors };
  const app = (
    logger ? Fastify({ ...options, loggerInstance: logger }) : Fastify(options)
  ) as FastifyInstance;
  const policy = new HostPolicy(parseAllowedHosts(allowedHosts), () => {
    const address = app.server.address();
    return address !== null && typeof address === 'object' ? address : null;
  });
  const methodsOf = trackRouteMethods(app);

  // Only JSON bodies: without Fastify's text/plain parser a form or text body cannot reach a route.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const refusal = requestRefusal(request, policy);
    if (refusal) return reply.code(refusal.statusCode).send(refusal.toBody());
  });

  app.addHook('onRequest', async (request, reply) => {
    // The dashboard page itself holds no data; it asks for the token and sends it with every call.
    if (!token || request.url === '/api/health' || request.url === '/') return;
    if (!tokenMatches(request.headers.authorization, token)) {
      await reply.code(401).send({
        error: { code: 'UNAUTHORIZED', message: 'Send Authorization: Bearer <FACTORY_API_TOKEN>.' },
      });
    }
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = methodsOf(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send({
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
          },
        });
    }
    return reply
      .code(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${path}; check the path.` } });
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send(error.toBody());
    if (FactoryError.isInstance(error)) {
      const issues = InvalidConfigError.isInstance(error) ? error.issues : undefined;
      return reply
        .code(STATUS_BY_CODE[error.code] ?? 500)
        .send({ error: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
      return reply.code(status).send({ error: { code, message: (error as Error).message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send({ error: { code: 'INTERNAL', message: 'Internal error; see the server log.' } });
  });

  const parse = parseRequest;
  const idOf = startupRefOf;

  // Readiness, not liveness: 503 naming the back end that is down, so a balancer stops sending work.
  app.get('/api/health', async (_request, reply) => {
    const readiness = await factory.readiness();
    const body = {
      ok: readiness.ok,
      down: readiness.down,
      // Names and codes only: this route answers without a token, so it shows no URLs.
      checks: Object.fromEntries(readiness.checks.map((c) => [c.name, c.status])),
    };
    return reply.code(readiness.ok ? 200 : 503).send(body);
  });
  app.get('/api/templates', async () => factory.templates());
  app.get('/api/startups', async (request) => {
    const { status } = parse(ListQuery, request.query, 'query');
    return factory.list(status === undefined ? undefined : Array.isArray(status) ? status : [status]);
  });
  app.post('/api/startups', async (request, reply) =>
    reply.code(201).send(await factory.create(request.body ?? {})),
  );
  app.get('/api/startups/:id', async (request) => factory.show(idOf(request)));
  app.delete('/api/startups/:id', async (request, reply) => {
    const id = idOf(request);
    const { keepFiles } = parse(DeleteQuery, request.query, 'query');
    await factory.delete(id, { keepFiles: keepFiles === 'true' });
    return reply.code(204).send();
  });
  app.post('/api/startups/:id/pause', async (request) => factory.pause(idOf(request)));
  app.post('/api/startups/:id/resume', async (request) => factory.resume(idOf(request)));
  app.post('/api/startups/:id/cancel', async (request) => factory.cancel(idOf(request)));
  app.post('/api/startups/:id/approve', async (request) => {
    const id = idOf(request);
    return factory.approve(id, parse(ApproveBody, request.body ?? {}, 'approval'));
  });
  registerDeployRoutes(app, factory.parts.deploys);
  registerEvolveRoutes(app, factory, idOf);
  app.register(dashboardPlugin, {
    store: factory.parts.store,
    bus: factory.parts.bus,
    manager: factory.parts.manager,
    ...(metrics ? { metrics } : {}),
  });
  return app;
}
