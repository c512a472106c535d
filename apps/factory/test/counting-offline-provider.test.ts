import { providerContract } from '@startup-factory/contracts/testing';
import { expect, it } from 'vitest';
import { countingOfflineProvider } from './composed-harness';

providerContract('countingOfflineProvider (composed-test helper)', 'offline', async () => ({
  provider: countingOfflineProvider().provider,
}));

it('countingOfflineProvider counts every call that reaches the offline drafter', async () => {
  const { provider, calls } = countingOfflineProvider();
  const request = { taskType: 'founder_analysis', messages: [{ role: 'user' as const, content: 'hi' }] };
  await provider.complete(request);
  await provider.complete(request);
  expect(calls()).toBe(2);
});
