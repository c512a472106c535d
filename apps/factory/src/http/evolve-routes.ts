import { InvalidConfigError } from '@startup-factory/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Factory } from '../factory';

const EvolveBody = z
  .object({
    /** The edited MVP spec. */
    spec: z.unknown().optional(),
    /** The change in words; the AI's spec_revision task turns it into the next spec version. */
    change: z.string().min(1).max(4000).optional(),
    /** false (the default): answer the plan and change nothing; true: merge, migrate, gate, replace. */
    approve: z.boolean().default(false),
  })
  .strict();
/** Approving or rejecting takes nothing: what is approved is the plan that was shown. */
const DecisionBody = z.object({}).strict();
const RollbackBody = z.object({ generation: z.number().int().min(1) }).strict();

const parse = <S extends z.ZodType>(schema: S, value: unknown, subject: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw InvalidConfigError.fromZod(result.error, subject);
  return result.data;
};

/**
 * `POST /api/startups/:id/evolve` (the plan, recorded as waiting for approval; with `approve: true`
 * the evolve itself), `GET /api/startups/:id/evolve` (the plan waiting, or null),
 * `POST /api/startups/:id/evolve/approve` (applies exactly that plan) and `.../evolve/reject`
 * (discards it), `GET /api/startups/:id/history` and `POST /api/startups/:id/rollback`.
 */
export function registerEvolveRoutes(
  app: FastifyInstance,
  factory: Factory,
  idOf: (request: { params: unknown }) => string,
): void {
  app.post('/api/startups/:id/evolve', async (request) => {
    const body = parse(EvolveBody, request.body ?? {}, 'evolve request');
    return factory.evolution.evolve(idOf(request), {
      ...(body.spec === undefined ? {} : { spec: body.spec }),
      ...(body.change === undefined ? {} : { change: body.change }),
      approved: body.approve,
    });
  });
  app.get('/api/startups/:id/evolve', async (request) => factory.evolution.pending(idOf(request)));
  app.post('/api/startups/:id/evolve/approve', async (request) => {
    parse(DecisionBody, request.body ?? {}, 'evolve approval');
    return factory.evolution.approve(idOf(request));
  });
  app.post('/api/startups/:id/evolve/reject', async (request) => {
    parse(DecisionBody, request.body ?? {}, 'evolve rejection');
    const discarded = await factory.evolution.reject(idOf(request));
    return { status: 'rejected', plan: discarded.plan };
  });
  app.get('/api/startups/:id/history', async (request) => factory.evolution.history(idOf(request)));
  app.post('/api/startups/:id/rollback', async (request) => {
    const { generation } = parse(RollbackBody, request.body ?? {}, 'rollback request');
    return factory.evolution.rollback(idOf(request), generation);
  });
}
