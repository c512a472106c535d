import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from '../create-factory';
import type { Factory } from '../factory';
import { buildHttpServer } from './http-server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, which will not send a Host header of our choosing. */
function send(
  port: number,
  path: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Host and Origin checks over a real socket', () => {
  const dataDir = join(tmpdir(), `sf-origin-guard-${process.pid}`);
  let factory: Factory;
  let server: FastifyInstance;
  let port: number;
  let waitingId: string;

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_300, end: 23_399 } },
      { env: {} },
    );
    server = buildHttpServer(factory, { allowedHosts: ['factory.internal', 'proxy.example:8443'] });
    await server.listen({ host: '127.0.0.1', port: 0 });
    port = (server.server.address() as { port: number }).port;
    const created = await factory.create({
      name: 'Guarded Gate',
      industry: 'Retail',
      category: 'B2C',
      approvalRequired: true,
    });
    waitingId = created.id;
    expect((await factory.waitFor(created.id)).status).toBe('awaiting_approval');
  });
  afterAll(async () => {
    await server?.close();
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const own = () => `127.0.0.1:${port}`;
  const statusOf = async () => (await factory.show(waitingId)).status;

  it('refuses a foreign Host (DNS rebinding) with 421 and says how to allow it', async () => {
    const answer = await send(port, '/api/startups', { headers: { host: `evil.example:${port}` } });
    expect(answer.status).toBe(421);
    const { error } = JSON.parse(answer.body);
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(error.message).toContain('--allowed-host');
    expect(error.message).toContain('FACTORY_ALLOWED_HOSTS');
    expect(answer.body).not.toContain('guarded-gate');
    // The dashboard page and the event stream are guarded the same way.
    expect((await send(port, '/', { headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await send(port, '/api/events', { headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('answers loopback names on its own port and the hosts the operator allowed', async () => {
    for (const host of [own(), `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const answer = await send(port, '/api/startups', { headers: { host } });
      expect(answer.status, host).toBe(200);
      expect(answer.body).toContain('guarded-gate');
    }
    expect((await send(port, '/api/health', { headers: { host: 'factory.internal' } })).status).toBe(200);
    expect((await send(port, '/api/health', { headers: { host: 'proxy.example:8443' } })).status).toBe(200);
  });

  it('refuses loopback names on another port and malformed Host headers', async () => {
    for (const host of [`127.0.0.1:${port + 1}`, 'localhost', 'proxy.example:9999', 'a@127.0.0.1', '']) {
      expect((await send(port, '/api/health', { headers: { host } })).status, host).toBe(421);
    }
    // Node itself answers 400 to an HTTP/1.1 request without one.
    expect([400, 421]).toContain((await send(port, '/api/health')).status);
  });

  it('refuses a cross-site POST without a body (no-cors fetch) and leaves the startup as it was', async () => {
    const answer = await send(port, `/api/startups/${waitingId}/approve`, {
      method: 'POST',
      headers: { host: own(), origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe('CROSS_ORIGIN');
    expect(await statusOf()).toBe('awaiting_approval');
  });

  it('refuses a page on another loopback port (same-site) and an opaque origin', async () => {
    const attempts: Array<Record<string, string>> = [
      { origin: `http://127.0.0.1:${port + 1}`, 'sec-fetch-site': 'same-site' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: `http://127.0.0.1:${port + 1}` },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      const answer = await send(port, `/api/startups/${waitingId}/cancel`, {
        method: 'POST',
        headers: { host: own(), ...headers },
      });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await statusOf()).toBe('awaiting_approval');
  });

  it('refuses text/plain and form bodies on state-changing routes with 415', async () => {
    for (const [type, body] of [
      ['text/plain', '{"reject":true}'],
      ['text/plain;charset=UTF-8', ''],
      ['application/x-www-form-urlencoded', 'reject=true'],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      const answer = await send(port, `/api/startups/${waitingId}/cancel`, {
        method: 'POST',
        headers: { host: own(), 'content-type': type },
        body,
      });
      expect(answer.status, type).toBe(415);
      expect(JSON.parse(answer.body).error.message).toContain('application/json');
    }
    expect(await statusOf()).toBe('awaiting_approval');
  });

  it('accepts a same-origin JSON request, as the dashboard page sends it', async () => {
    const answer = await send(port, '/api/startups', {
      method: 'POST',
      headers: {
        host: own(),
        origin: `http://${own()}`,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name: 'Same Origin',
        industry: 'Retail',
        category: 'B2C',
        approvalRequired: true,
      }),
    });
    expect(answer.status).toBe(201);
    await factory.waitFor(JSON.parse(answer.body).id);
    // An allowed host's origin is as good as our own.
    const viaProxy = await send(port, `/api/startups/same-origin/pause`, {
      method: 'POST',
      headers: { host: 'proxy.example:8443', origin: 'https://proxy.example:8443' },
    });
    expect(viaProxy.status).not.toBe(403);
  });

  it('gives a foreign page no CORS headers to read an answer with', async () => {
    const read = await send(port, '/api/startups', {
      headers: {
        host: own(),
        origin: 'http://evil.example',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'cors',
      },
    });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.body).not.toContain('guarded-gate');
    const preflight = await send(port, `/api/startups/${waitingId}/approve`, {
      method: 'OPTIONS',
      headers: {
        host: own(),
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('still lets a link from another site open the dashboard (a top-level navigation)', async () => {
    const answer = await send(port, '/', {
      headers: { host: own(), 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/html');
  });
});
