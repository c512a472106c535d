import type { CompletionRequest } from '@startup-factory/contracts';
import { MockProvider } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { CachingProvider } from './caching-provider';
import { MemoryResultCache } from './result-cache';

const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  taskType: 'market_research',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('CachingProvider', () => {
  it('answers a repeated request from the cache without calling the inner provider, at zero tokens', async () => {
    const inner = new MockProvider({
      name: 'openai',
      complete: (r) => ({ text: `answer to ${r.messages[0]?.content}`, inputTokens: 100, outputTokens: 50 }),
    });
    const lookups: boolean[] = [];
    const provider = new CachingProvider(inner, new MemoryResultCache(), {
      onLookup: (e) => lookups.push(e.hit),
    });
    expect(provider.name).toBe('openai');
    const first = await provider.complete(ask('q1'));
    expect(first).toMatchObject({ text: 'answer to q1', inputTokens: 100, outputTokens: 50 });
    expect(CachingProvider.isCached(first)).toBe(false);
    const again = await provider.complete(ask('q1'));
    expect(again).toMatchObject({
      text: 'answer to q1',
      inputTokens: 0,
      outputTokens: 0,
      finishReason: 'stop',
    });
    expect(CachingProvider.isCached(again)).toBe(true);
    expect(inner.calls).toHaveLength(1);
    expect(lookups).toEqual([false, true]);
    expect(provider.stats).toEqual({ hits: 1, misses: 1, hitRatio: 0.5 });
  });

  it('answerFromCache returns a stored answer or null and never calls the inner provider', async () => {
    const inner = new MockProvider({ complete: () => ({ text: 'fresh', inputTokens: 10, outputTokens: 5 }) });
    const provider = new CachingProvider(inner, new MemoryResultCache());
    expect(await provider.answerFromCache(ask('q'))).toBeNull();
    expect(inner.calls).toHaveLength(0);
    await provider.complete(ask('q'));
    expect(await provider.answerFromCache(ask('q'))).toMatchObject({
      text: 'fresh',
      inputTokens: 0,
      cached: true,
    });
    expect(inner.calls).toHaveLength(1);
  });

  it('keys on model, schema and settings, and does not cache truncated or failed answers', async () => {
    let n = 0;
    const inner = new MockProvider({
      complete: (r) =>
        r.messages[0]?.content === 'boom'
          ? new Error('down')
          : { text: `#${++n}`, finishReason: r.messages[0]?.content === 'long' ? 'length' : 'stop' },
    });
    const provider = new CachingProvider(inner, new MemoryResultCache());
    await provider.complete(ask('q'));
    await provider.complete(ask('q', { model: 'other' }));
    await provider.complete(ask('q', { jsonSchema: { name: 's', schema: { type: 'object' } } }));
    await provider.complete(ask('q', { temperature: 0.9 }));
    expect(inner.calls).toHaveLength(4);
    await provider.complete(ask('long'));
    await provider.complete(ask('long'));
    expect(inner.calls).toHaveLength(6);
    await expect(provider.complete(ask('boom'))).rejects.toThrow('down');
    await expect(provider.complete(ask('boom'))).rejects.toThrow('down');
    expect(inner.calls).toHaveLength(8);
  });

  it('expires cached answers after the TTL', async () => {
    let now = 0;
    const inner = new MockProvider({ complete: { text: 'x' } });
    const provider = new CachingProvider(inner, new MemoryResultCache({ clock: () => now }), { ttlMs: 1000 });
    await provider.complete(ask('q'));
    now = 999;
    await provider.complete(ask('q'));
    now = 1000;
    await provider.complete(ask('q'));
    expect(inner.calls).toHaveLength(2);
  });
});
