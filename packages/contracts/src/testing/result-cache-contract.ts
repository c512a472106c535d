import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CachedResult, IResultCache } from '../interfaces/result-cache';
import { type ContractCase, registerContract } from './contract-case';

export interface ResultCacheHarness {
  cache: IResultCache;
  cleanup?(): Promise<void>;
}

const result = (text: string, extra: Partial<CachedResult> = {}): CachedResult => ({
  text,
  model: 'gpt-4o-mini',
  inputTokens: 120,
  outputTokens: 80,
  finishReason: 'stop',
  storedAt: 1_767_225_600_000,
  ...extra,
});

/** A fresh key per case, so caches shared between runs (Redis) never see an old entry. */
const keyOf = (name: string) => `${name}-${randomUUID()}`;

export const resultCacheCases: ContractCase<ResultCacheHarness>[] = [
  {
    name: 'a key never set reads as null',
    async run({ cache }) {
      expect(await cache.get(keyOf('missing'))).toBeNull();
    },
  },
  {
    name: 'a stored result reads back with every field',
    async run({ cache }) {
      const key = keyOf('stored');
      const value = result('{"summary":"ok"}', { finishReason: 'length', inputTokens: 7, outputTokens: 0 });
      await cache.set(key, value);
      expect(await cache.get(key)).toEqual(value);
    },
  },
  {
    name: 'setting a key again replaces its value',
    async run({ cache }) {
      const key = keyOf('replaced');
      await cache.set(key, result('first'));
      await cache.set(key, result('second'));
      expect((await cache.get(key))?.text).toBe('second');
    },
  },
  {
    name: 'keys are exact: a prefix, a longer key or another case is another entry',
    async run({ cache }) {
      const key = keyOf('Exact:ключ');
      await cache.set(key, result('exact'));
      expect(await cache.get(key.slice(0, -1))).toBeNull();
      expect(await cache.get(`${key}x`)).toBeNull();
      expect(await cache.get(key.toLowerCase())).toBeNull();
      expect((await cache.get(key))?.text).toBe('exact');
    },
  },
  {
    name: 'delete removes the entry and deleting a missing key resolves',
    async run({ cache }) {
      const key = keyOf('deleted');
      const other = keyOf('kept');
      await cache.set(key, result('gone'));
      await cache.set(other, result('kept'));
      await cache.delete(key);
      await cache.delete(keyOf('never-set'));
      expect(await cache.get(key)).toBeNull();
      expect((await cache.get(other))?.text).toBe('kept');
    },
  },
  {
    name: 'an entry expires after its time to live while a longer-lived one stays',
    async run({ cache }) {
      const short = keyOf('short');
      const long = keyOf('long');
      await cache.set(long, result('long'), 600_000);
      await cache.set(short, result('short'), 100);
      const deadline = Date.now() + 30_000;
      while ((await cache.get(short)) !== null) {
        if (Date.now() > deadline) throw new Error('the 100 ms entry was still there after 30 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await cache.get(long))?.text).toBe('long');
    },
  },
  {
    name: 'a large answer with any characters reads back exactly',
    async run({ cache }) {
      const key = keyOf('large');
      const text = `${'日本語 "quotes" \\ back\nslash 🚀 '.repeat(4_000)}end`;
      await cache.set(key, result(text));
      expect((await cache.get(key))?.text).toBe(text);
    },
  },
];

/** Registers the IResultCache suite for one implementation. */
export function resultCacheContract(name: string, setup: () => Promise<ResultCacheHarness>): void {
  registerContract(`IResultCache contract: ${name}`, resultCacheCases, setup);
}
