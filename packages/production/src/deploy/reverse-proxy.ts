import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';

/**
 * The factory's reverse proxy in front of one deployed app (http-proxy-3). The target switches
 * atomically: each request is bound to the target current when it arrived, and in-flight requests
 * are counted per target so an old target can be drained before its process stops.
 */
export class ReverseProxy {
  private readonly proxy = createProxyServer({ xfwd: true });
  private readonly server: Server;
  private readonly inFlight = new Map<string, number>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private target: string | undefined;
  private drainWaiters: Array<() => void> = [];

  constructor(private readonly host = '127.0.0.1') {
    this.server = createServer((req, res) => this.handle(req, res));
    // WebSocket upgrades follow the current target too (long-lived; not counted for draining).
    this.server.on('upgrade', (req, socket, head) => {
      if (!this.target) {
        socket.destroy();
        return;
      }
      this.proxy.ws(req, socket, head, { target: this.target }, () => socket.destroy());
    });
    this.server.keepAliveTimeout = 5000;
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Routes every request that arrives from now on to `port` on the proxy's host. */
  switchTo(port: number): void {
    this.target = `http://${this.host}:${port}`;
  }

  get currentTarget(): string | undefined {
    return this.target;
  }

  inFlightTo(port: number): number {
    return this.inFlight.get(`http://${this.host}:${port}`) ?? 0;
  }

  /** Resolves once no request bound to `port` is in flight, or false after `timeoutMs`. */
  async drain(port: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlightTo(port) > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.drainWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }

  async close(): Promise<void> {
    this.proxy.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.agent.destroy();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const target = this.target;
    if (!target) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
      res.end('no deployment yet\n');
      return;
    }
    this.inFlight.set(target, (this.inFlight.get(target) ?? 0) + 1);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.inFlight.set(target, (this.inFlight.get(target) ?? 1) - 1);
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const wake of waiters) wake();
    };
    res.once('close', finish);
    res.once('finish', finish);
    this.proxy.web(req, res, { target, agent: this.agent }, (error) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`bad gateway: ${error.message}\n`);
      } else res.destroy();
    });
  }
}
