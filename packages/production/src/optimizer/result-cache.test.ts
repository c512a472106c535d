import type { CachedResult } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { cacheKey, MemoryResultCache } from './result-cache';

const result = (text: string): CachedResult => ({
  text,
  model: 'm',
  inputTokens: 10,
  outputTokens: 20,
  finishReason: 'stop',
  storedAt: 0,
});

describe('cacheKey', () => {
  const base = { provider: 'openai', model: 'gpt', prompt: { messages: [{ role: 'user', content: 'hi' }] } };

  it('is a sha256 that ignores object key order but not content', () => {
    const key = cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ model: 'gpt', prompt: base.prompt, provider: 'openai' })).toBe(key);
    expect(cacheKey({ ...base, model: 'gpt-2' })).not.toBe(key);
    expect(cacheKey({ ...base, provider: 'anthropic' })).not.toBe(key);
    expect(cacheKey({ ...base, prompt: { messages: [{ role: 'user', content: 'hi!' }] } })).not.toBe(key);
    expect(cacheKey({ ...base, schema: { type: 'object' } })).not.toBe(key);
  });
});

describe('MemoryResultCache', () => {
  it('expires entries after their TTL', async () => {
    let now = 1000;
    const cache = new MemoryResultCache({ clock: () => now });
    await cache.set('k', result('a'), 500);
    expect((await cache.get('k'))?.text).toBe('a');
    now = 1499;
    expect((await cache.get('k'))?.text).toBe('a');
    now = 1500;
    expect(await cache.get('k')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('evicts the oldest entries beyond maxEntries', async () => {
    const cache = new MemoryResultCache({ maxEntries: 2 });
    await cache.set('a', result('a'));
    await cache.set('b', result('b'));
    await cache.set('c', result('c'));
    expect(await cache.get('a')).toBeNull();
    expect((await cache.get('c'))?.text).toBe('c');
    await cache.delete('c');
    expect(await cache.get('c')).toBeNull();
  });
});
