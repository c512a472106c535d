import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../testing/loopback-server';
import { createProviders } from './create-providers';
import { DEFAULT_MODELS } from './default-models';

describe('createProviders on a default install', () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startLoopbackServer({ responder: () => ({ content: '{"ok":true}' }) });
  });
  afterEach(() => server.close());

  const keyed = {
    OPENAI_API_KEY: 'sk-loopback-defaults-0123456789',
    ANTHROPIC_API_KEY: 'sk-ant-loopback-defaults-0123456789',
    PERPLEXITY_API_KEY: 'pplx-loopback-defaults-0123456789',
  };

  it('calls each provider with its current default model and the SDKs warn about nothing', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const providers = createProviders({
        ...keyed,
        OPENAI_BASE_URL: server.openaiBaseURL,
        ANTHROPIC_BASE_URL: server.anthropicBaseURL,
        PERPLEXITY_BASE_URL: server.openaiBaseURL,
      });
      for (const p of providers.filter((p) => !p.offline)) {
        await p.complete({ taskType: 'chat', messages: [{ role: 'user', content: 'hi' }] });
      }
      expect(server.requests.map((r) => r.body.model)).toEqual([
        DEFAULT_MODELS.openai,
        DEFAULT_MODELS.anthropic,
        DEFAULT_MODELS.perplexity,
      ]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('takes each provider its model, timeout, streaming and base URL from settings over the table', async () => {
    const providers = createProviders(keyed, {
      openai: { model: 'gpt-6-sol', baseUrl: server.openaiBaseURL, stream: true },
      anthropic: { model: 'claude-haiku-5-5', baseUrl: server.anthropicBaseURL, timeoutMs: 150 },
      perplexity: { baseUrl: server.openaiBaseURL },
    });
    expect(providers.map((p) => [p.name, p.defaultModel])).toEqual([
      ['openai', 'gpt-6-sol'],
      ['anthropic', 'claude-haiku-5-5'],
      ['perplexity', DEFAULT_MODELS.perplexity],
      ['offline', 'offline-drafter-1'],
    ]);
    await providers[0]!.complete({ taskType: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    expect(server.requests[0]?.stream).toBe(true);
    server.enqueue({ hang: true });
    const started = Date.now();
    const error = await providers[1]!
      .complete({ taskType: 'chat', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', message: expect.stringContaining('timed out') });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
