import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConflictError } from '../errors/conflict-error';
import { NotFoundError } from '../errors/not-found-error';
import type { IDeployService } from '../interfaces/deploy-service';
import { type DeploymentStatus, type DeployOptions, notDeployedStatus } from '../schemas/deployment';

interface Deployment {
  status: DeploymentStatus;
  proxy: Server | null;
  app: Server | null;
  /** The app port the proxy forwards to. */
  target: number;
  log: string[];
}

/** Listens on a free loopback port. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const close = (server: Server | null) =>
  new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * A correct IDeployService in this process, for tests of what calls one (HTTP routes, evolve
 * rollouts): each "app" is an HTTP server answering `hello from <port>`, behind a forwarding proxy
 * whose url stays the same across redeploys. Startups are the ids and slugs given to the
 * constructor; anything else is NOT_FOUND.
 */
export class InMemoryDeployService implements IDeployService {
  private readonly deployments = new Map<string, Deployment>();
  /** What each call asked for, in order. */
  readonly calls: Array<{ method: keyof IDeployService; ref?: string }> = [];

  constructor(startups: Array<{ id: string; slug: string }>) {
    for (const { id, slug } of startups) {
      const status = notDeployedStatus(id, slug);
      this.deployments.set(id, { status, proxy: null, app: null, target: 0, log: [] });
    }
  }

  async deploy(ref: string, _options: DeployOptions = {}): Promise<DeploymentStatus> {
    this.calls.push({ method: 'deploy', ref });
    const d = this.find(ref);
    if (d.status.state === 'running') {
      throw new ConflictError({
        message: `Startup ${d.status.slug} is already deployed; redeploy or stop it.`,
      });
    }
    const { server, port } = await this.startApp(d);
    d.target = port;
    const proxy = createServer((req, res) => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: d.target,
          path: req.url,
          method: req.method,
          headers: req.headers,
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    const proxyPort = await listen(proxy);
    d.proxy = proxy;
    d.app = server;
    this.update(d, {
      state: 'running',
      url: `http://127.0.0.1:${proxyPort}`,
      activePort: port,
      generation: 1,
    });
    return { ...d.status };
  }

  async redeploy(ref: string): Promise<DeploymentStatus> {
    this.calls.push({ method: 'redeploy', ref });
    const d = this.running(ref);
    const old = d.app;
    const { server, port } = await this.startApp(d);
    d.target = port;
    d.app = server;
    this.update(d, { activePort: port, generation: d.status.generation + 1 });
    // Requests in flight to the old app finish: close waits for them.
    await new Promise<void>((resolve) => old?.close(() => resolve()) ?? resolve());
    return { ...d.status };
  }

  async stop(ref: string): Promise<DeploymentStatus> {
    this.calls.push({ method: 'stop', ref });
    const d = this.running(ref);
    await close(d.proxy);
    await close(d.app);
    d.proxy = null;
    d.app = null;
    this.update(d, { state: 'stopped' });
    return { ...d.status };
  }

  async logs(ref: string, lines = 50): Promise<string[]> {
    this.calls.push({ method: 'logs', ref });
    return this.find(ref).log.slice(-lines);
  }

  async status(ref: string): Promise<DeploymentStatus> {
    this.calls.push({ method: 'status', ref });
    return { ...this.find(ref).status };
  }

  async close(): Promise<void> {
    this.calls.push({ method: 'close' });
    for (const d of this.deployments.values())
      if (d.status.state === 'running') await this.stop(d.status.startupId);
  }

  private async startApp(d: Deployment): Promise<{ server: Server; port: number }> {
    let port = 0;
    const server = createServer((_req, res) => res.end(`hello from ${port}`));
    port = await listen(server);
    d.log.push(`listening on ${port}`);
    return { server, port };
  }

  private update(d: Deployment, patch: Partial<DeploymentStatus>): void {
    d.status = { ...d.status, ...patch, updatedAt: new Date().toISOString() };
  }

  private find(ref: string): Deployment {
    const d = [...this.deployments.values()].find((x) => x.status.startupId === ref || x.status.slug === ref);
    if (!d) throw new NotFoundError({ message: `No startup ${ref}; check the id or slug.` });
    return d;
  }

  private running(ref: string): Deployment {
    const d = this.find(ref);
    if (d.status.state !== 'running') {
      throw new NotFoundError({ message: `Startup ${d.status.slug} is not deployed; deploy it first.` });
    }
    return d;
  }
}
