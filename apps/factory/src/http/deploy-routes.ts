import { DeployOptions, type IDeployService, LogLines } from '@startup-factory/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseRequest, startupRefOf } from './route-input';

const LogsQuery = z.object({ lines: LogLines }).strict();

/**
 * Deploy, redeploy, stop, logs and status of a startup's app, through the same deploy service as
 * the CLI. Deployments started here are hosted by this process (`factory serve`) and stop with it.
 */
export function registerDeployRoutes(app: FastifyInstance, deploys: IDeployService): void {
  app.post('/api/startups/:id/deploy', async (request, reply) => {
    const ref = startupRefOf(request);
    const options = parseRequest(DeployOptions, request.body ?? {}, 'deploy options');
    return reply.code(201).send(await deploys.deploy(ref, options));
  });
  app.post('/api/startups/:id/redeploy', async (request) => deploys.redeploy(startupRefOf(request)));
  app.post('/api/startups/:id/stop', async (request) => deploys.stop(startupRefOf(request)));
  app.get('/api/startups/:id/logs', async (request) => {
    const ref = startupRefOf(request);
    const { lines } = parseRequest(LogsQuery, request.query, 'query');
    return { lines: await deploys.logs(ref, lines) };
  });
  app.get('/api/startups/:id/deployment', async (request) => deploys.status(startupRefOf(request)));
}
