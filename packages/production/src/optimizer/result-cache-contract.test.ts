import type { CachedResult, IResultCache } from '@startup-factory/contracts';
import { resultCacheCases, resultCacheContract, runContractCases } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { MemoryResultCache } from './result-cache';

resultCacheContract('MemoryResultCache', async () => {
  const cache = new MemoryResultCache();
  return { cache, cleanup: () => cache.close() };
});

describe('resultCacheContract can fail', () => {
  /** The cases that fail against the memory cache with one rule broken by `breaks`. */
  const failedWith = async (breaks: (cache: MemoryResultCache) => Partial<IResultCache>) =>
    (
      await runContractCases(resultCacheCases, async () => {
        const inner = new MemoryResultCache();
        const cache: IResultCache = {
          get: (k) => inner.get(k),
          set: (k, v, ttl) => inner.set(k, v, ttl),
          delete: (k) => inner.delete(k),
          close: () => inner.close(),
          ...breaks(inner),
        };
        return { cache, cleanup: () => inner.close() };
      })
    )
      .filter((o) => !o.passed)
      .map((o) => o.name);

  it('catches a cache that ignores the time to live', async () => {
    expect(await failedWith((inner) => ({ set: (k, v) => inner.set(k, v, 3_600_000) }))).toEqual([
      'an entry expires after its time to live while a longer-lived one stays',
    ]);
  });

  it('catches a cache that folds key case', async () => {
    expect(
      await failedWith((inner) => ({
        get: (k) => inner.get(k.toLowerCase()),
        set: (k, v, ttl) => inner.set(k.toLowerCase(), v, ttl),
      })),
    ).toEqual(['keys are exact: a prefix, a longer key or another case is another entry']);
  });

  it('catches a cache that keeps the first value, drops fields or clears everything on delete', async () => {
    expect(
      await failedWith((inner) => ({
        set: async (k, v, ttl) => {
          if ((await inner.get(k)) === null) await inner.set(k, v, ttl);
        },
      })),
    ).toEqual(['setting a key again replaces its value']);
    expect(
      await failedWith((inner) => ({
        set: (k, v, ttl) => inner.set(k, { ...v, finishReason: 'stop' } as CachedResult, ttl),
      })),
    ).toEqual(['a stored result reads back with every field']);
    expect(await failedWith((inner) => ({ delete: () => inner.close() }))).toEqual([
      'delete removes the entry and deleting a missing key resolves',
    ]);
  });
});
