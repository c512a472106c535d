import { timingSafeEqual } from 'node:crypto';
import { FactoryError, InvalidConfigError, StartupStatus } from '@startup-factory/contracts';
import { dashboardPlugin, type FactoryMetrics } from '@startup-factory/production';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Factory } from '../factory';

const STATUS_BY_CODE: Partial<Record<FactoryError['code'], number>> = {
  INVALID_CONFIG: 400,
  UNSAFE_PATH: 400,
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
};

const ApproveBody = z
  .object({ reject: z.boolean().optional(), spec: z.unknown().optional() })
  .strict()
  .default({});
const ListQuery = z.object({ status: z.union([StartupStatus, z.array(StartupStatus)]).optional() });

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface HttpServerOptions {
  token?: string;
  /** Logs each request and every failure; none when absent. */
  logger?: Logger;
  /** Metrics served at /metrics; the dashboard creates its own from the event stream when absent. */
  metrics?: FactoryMetrics;
}

/**
 * The HTTP API over the same operations as the CLI. JSON in and out; validation errors are 400
 * with each field's path. A bearer token is required whenever one is configured. The dashboard
 * (`/`, `/api/dashboard/*`, `/api/events`, `/metrics`) is mounted alongside.
 */
export function buildHttpServer(
  factory: Factory,
  { token, metrics, logger }: HttpServerOptions = {},
): FastifyInstance {
  const app = (
    logger ? Fastify({ loggerInstance: logger, bodyLimit: 1_000_000 }) : Fastify({ bodyLimit: 1_000_000 })
  ) as FastifyInstance;

  app.addHook('onRequest', async (request, reply) => {
    // The dashboard page itself holds no data; it asks for the token and sends it with every call.
    if (!token || request.url === '/api/health' || request.url === '/') return;
    if (!tokenMatches(request.headers.authorization, token)) {
      await reply.code(401).send({
        error: { code: 'UNAUTHORIZED', message: 'Send Authorization: Bearer <FACTORY_API_TOKEN>.' },
      });
    }
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (FactoryError.isInstance(error)) {
      const issues = error instanceof InvalidConfigError ? error.issues : undefined;
      return reply
        .code(STATUS_BY_CODE[error.code] ?? 500)
        .send({ error: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500)
      return reply.code(status).send({ error: { code: 'BAD_REQUEST', message: (error as Error).message } });
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send({ error: { code: 'INTERNAL', message: 'Internal error; see the server log.' } });
  });

  const parse = <S extends z.ZodType>(schema: S, value: unknown, subject: string): z.output<S> => {
    const result = schema.safeParse(value);
    if (!result.success) throw InvalidConfigError.fromZod(result.error, subject);
    return result.data;
  };

  app.get('/api/health', async () => ({ ok: true }));
  app.get('/api/templates', async () => factory.templates());
  app.get('/api/startups', async (request) => {
    const { status } = parse(ListQuery, request.query, 'query');
    return factory.list(status === undefined ? undefined : Array.isArray(status) ? status : [status]);
  });
  app.post('/api/startups', async (request, reply) =>
    reply.code(201).send(await factory.create(request.body ?? {})),
  );
  app.get<{ Params: { id: string } }>('/api/startups/:id', async (request) =>
    factory.show(request.params.id),
  );
  app.delete<{ Params: { id: string } }>('/api/startups/:id', async (request, reply) => {
    await factory.delete(request.params.id);
    return reply.code(204).send();
  });
  app.post<{ Params: { id: string } }>('/api/startups/:id/pause', async (request) =>
    factory.pause(request.params.id),
  );
  app.post<{ Params: { id: string } }>('/api/startups/:id/resume', async (request) =>
    factory.resume(request.params.id),
  );
  app.post<{ Params: { id: string } }>('/api/startups/:id/cancel', async (request) =>
    factory.cancel(request.params.id),
  );
  app.post<{ Params: { id: string } }>('/api/startups/:id/approve', async (request) => {
    const body = parse(ApproveBody, request.body ?? {}, 'approval');
    return factory.approve(request.params.id, body);
  });
  app.register(dashboardPlugin, {
    store: factory.parts.store,
    bus: factory.parts.bus,
    manager: factory.parts.manager,
    ...(metrics ? { metrics } : {}),
  });
  return app;
}
