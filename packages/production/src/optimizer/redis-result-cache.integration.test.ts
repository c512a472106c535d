import { randomUUID } from 'node:crypto';
import { MockProvider, resultCacheContract } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { redisMissing } from '../../test/require-redis';
import { CachingProvider } from './caching-provider';
import { createResultCache, RedisResultCache } from './redis-result-cache';

describe.skipIf(redisMissing())('RedisResultCache', () => {
  const prefix = `sf-test:${randomUUID()}:`;

  resultCacheContract('RedisResultCache on real Redis', async () => {
    const cache = new RedisResultCache({ redisUrl: process.env.REDIS_URL!, prefix });
    return { cache, cleanup: () => cache.close() };
  });

  it('shares answers between two provider wrappers (two processes) and expires them', async () => {
    const a = createResultCache({ redisUrl: process.env.REDIS_URL!, prefix });
    const b = new RedisResultCache({ redisUrl: process.env.REDIS_URL!, prefix });
    try {
      expect(a).toBeInstanceOf(RedisResultCache);
      const inner = new MockProvider({ complete: { text: 'from the model', inputTokens: 9 } });
      const request = { taskType: 't', messages: [{ role: 'user' as const, content: 'hello' }] };
      await new CachingProvider(inner, a).complete(request);
      const hit = await new CachingProvider(inner, b).complete(request);
      expect(hit).toMatchObject({ text: 'from the model', inputTokens: 0 });
      expect(inner.calls).toHaveLength(1);

      // Long enough that the read right after the write lands first on a loaded machine.
      await b.set('short', { ...hit, storedAt: 0 }, 3_000);
      expect(await a.get('short')).not.toBeNull();
      const deadline = Date.now() + scaled(30_000);
      while ((await a.get('short')) !== null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await a.get('short')).toBeNull();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
