import { mockProviderBackend, providerContract } from '@startup-factory/contracts/testing';
import { CachingProvider } from './caching-provider';
import { MemoryResultCache } from './result-cache';

providerContract('CachingProvider (memory cache) around a scripted vendor', 'scripted', async () => {
  const { provider, backend } = mockProviderBackend({ name: 'openai' });
  const cache = new MemoryResultCache();
  return { provider: new CachingProvider(provider, cache), backend, cleanup: () => cache.close() };
});
