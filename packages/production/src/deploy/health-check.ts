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

interface HealthAnswer {
  status: number;
  body: string;
}

const BODY_CHARS = 300;

function probe(host: string, port: number, path: string): Promise<HealthAnswer> {
  return new Promise((resolve) => {
    // A loaded machine answers an app's first request slowly: give each probe 15 s.
    const req = request({ host, port, path, method: 'GET', timeout: 15_000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 64_000) body += chunk;
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

/** The generated apps' rule: healthy is a 200 whose JSON body says `db: 'up'` (they wrote and read their tables). */
export function isHealthyAnswer(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    return (JSON.parse(body) as { db?: unknown } | null)?.db === 'up';
  } catch {
    return false;
  }
}

function shown(answer: HealthAnswer): string {
  if (answer.status === 0) return 'no answer';
  const flat = answer.body.replace(/\s+/g, ' ').trim();
  return `${answer.status} ${flat.length > BODY_CHARS ? `${flat.slice(0, BODY_CHARS)}…` : flat || '(empty body)'}`;
}

/**
 * Polls the health path until it answers 200 with `db: 'up'`; resolves with how long it took or
 * throws with why not. A 200 without it fails at once: the app is up but its database is not.
 */
export async function waitForHealthy(options: HealthCheckOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let last: HealthAnswer = { status: 0, body: '' };
  while (Date.now() < deadline) {
    const reason = options.abortReason?.();
    if (reason) throw new Error(`${reason} (last answer: ${shown(last)})`);
    last = await probe(options.host, options.port, options.path);
    if (isHealthyAnswer(last.status, last.body)) return Date.now() - started;
    if (last.status === 200) {
      throw new Error(
        `health check ${options.path} on port ${options.port} answered 200 without db "up": ${shown(last)}`,
      );
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(
    `health check ${options.path} on port ${options.port} did not pass within ${options.timeoutMs} ms (last answer: ${shown(last)})`,
  );
}
