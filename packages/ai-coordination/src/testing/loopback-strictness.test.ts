import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from './loopback-server';
import type { LoopbackStrictness } from './loopback-strictness';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(strictness: LoopbackStrictness, path: string, body: unknown) {
  server ??= await startLoopbackServer({ strictness, responder: () => ({ content: '{"ok":true}' }) });
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a wire body; the tests read protocol fields from it.
  return { status: response.status, body: (await response.json()) as any };
}

const chat = (messages: unknown[], extra: Record<string, unknown> = {}) =>
  post({ alternatingRoles: true }, '/v1/chat/completions', { model: 'm', messages, ...extra });

describe('a loopback server with strict roles', () => {
  it('answers a conversation that starts with user and alternates', async () => {
    const reply = await chat([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Plan routes.' },
      { role: 'assistant', content: '{"routes":1}' },
      { role: 'user', content: 'Fix it.' },
    ]);
    expect(reply.status).toBe(200);
  });

  it.each([
    [
      'a first assistant turn',
      [
        { role: 'assistant', content: 'earlier' },
        { role: 'user', content: 'go' },
      ],
    ],
    [
      'two user turns in a row',
      [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    ],
    [
      'two assistant turns in a row',
      [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'assistant', content: 'c' },
      ],
    ],
    [
      'a system message after the first turn',
      [
        { role: 'user', content: 'a' },
        { role: 'system', content: 'late' },
      ],
    ],
    ['empty content', [{ role: 'user', content: '  ' }]],
    ['only a system message', [{ role: 'system', content: 'rules' }]],
  ])('refuses %s with 400, as vLLM does, without using the queue', async (_, messages) => {
    const reply = await chat(messages);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/alternate|start with a user|non-empty|beginning|at least one/);
    server?.enqueue({ content: 'queued' });
    const next = await chat([{ role: 'user', content: 'hi' }]);
    expect(next.body.choices[0].message.content).toBe('queued');
  });

  it('refuses a first assistant turn on the Anthropic protocol with its error shape', async () => {
    const reply = await post({ alternatingRoles: true }, '/v1/messages', {
      model: 'claude',
      max_tokens: 10,
      messages: [{ role: 'assistant', content: 'earlier' }],
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});

describe('a loopback server without json_schema', () => {
  const format = (type: string) =>
    post({ responseFormats: ['json_object'] }, '/v1/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: 'JSON please' }],
      response_format:
        type === 'json_schema' ? { type, json_schema: { name: 'x', schema: { type: 'object' } } } : { type },
    });

  it('refuses response_format json_schema with a 400 that names it', async () => {
    const reply = await format('json_schema');
    expect(reply.status).toBe(400);
    expect(reply.body.error.param).toBe('response_format');
    expect(reply.body.error.message).toContain('json_schema');
  });

  it('accepts json_object and text', async () => {
    expect((await format('json_object')).status).toBe(200);
    expect((await format('text')).status).toBe(200);
  });
});
