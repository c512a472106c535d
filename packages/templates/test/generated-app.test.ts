import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, waitForHttp } from './generated-app';

const app: RunningApp = { output: () => '', stop: async () => {} };

describe('waitForHttp', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  it('lets the caller read a body that arrives after the per-attempt limit (a slow health answer under load)', async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.flushHeaders();
      // The body comes well after the attempt's limit (and the 5 s the helper allowed before), as a loaded Next server's did.
      setTimeout(() => response.end('{"status":"ok"}'), 6000);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const response = await waitForHttp(`http://127.0.0.1:${port}/api/health`, 60_000, app, {
      attemptMs: 100,
    });
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
