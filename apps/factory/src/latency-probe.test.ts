import { mockProviderBackend, providerContract } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { LatencyProbe } from './latency-probe';

providerContract('LatencyProbe around a scripted vendor', 'scripted', async () => {
  const { provider, backend } = mockProviderBackend({ name: 'openai' });
  return { provider: new LatencyProbe(provider, () => {}), backend };
});

describe('LatencyProbe', () => {
  it('reports the time of every call, failed ones included', async () => {
    const { provider, backend } = mockProviderBackend({ name: 'openai' });
    const latencies: number[] = [];
    const probe = new LatencyProbe(provider, (ms) => latencies.push(ms));
    backend.answerNext('ok');
    backend.failNext('server_error');
    const request = { taskType: 'research', messages: [{ role: 'user' as const, content: 'hi' }] };
    await probe.complete(request);
    await expect(probe.complete(request)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(latencies).toHaveLength(2);
    expect(latencies.every((ms) => ms >= 0)).toBe(true);
  });
});
