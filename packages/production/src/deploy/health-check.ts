import { request } from 'node:http';

export interface HealthCheckOptions {
  host: string;
  port: number;
  path: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Stop early (with a reason) when this returns a string, e.g. the process exited. */
  abortReason?: () => string | undefined;
}

function probe(host: string, port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host, port, path, method: 'GET', timeout: 2000, agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
    req.end();
  });
}

/** Polls the health path until it answers 2xx; resolves with how long it took or throws with why not. */
export async function waitForHealthy(options: HealthCheckOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let last = 0;
  while (Date.now() < deadline) {
    const reason = options.abortReason?.();
    if (reason) throw new Error(reason);
    last = await probe(options.host, options.port, options.path);
    if (last >= 200 && last < 300) return Date.now() - started;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(
    `health check ${options.path} on port ${options.port} did not pass within ${options.timeoutMs} ms (last status ${last || 'no answer'})`,
  );
}
