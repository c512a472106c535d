import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { PendingEvolutions } from './pending-evolutions';

const STARTUP = '11111111-2222-4333-8444-555555555555';

describe('PendingEvolutions.claimDecision', () => {
  it('gives the decision to one caller at a time and takes it back on release', async () => {
    const store = new InMemoryStateStore();
    const pendings = new PendingEvolutions(store);
    const release = await pendings.claimDecision(STARTUP, 'ledger-loop');
    await expect(new PendingEvolutions(store).claimDecision(STARTUP, 'ledger-loop')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already running \(process \d+ on .*\).*factory show ledger-loop/),
    });
    await release();
    const again = await pendings.claimDecision(STARTUP, 'ledger-loop');
    await again();
  });

  it('takes over a claim whose process died mid-approval, once', async () => {
    const store = new InMemoryStateStore();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await store.putDocument('evolve-approvals', STARTUP, {
      pid: dead,
      host: hostname(),
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    const [first, second] = await Promise.allSettled([
      new PendingEvolutions(store).claimDecision(STARTUP, 'ledger-loop'),
      new PendingEvolutions(store).claimDecision(STARTUP, 'ledger-loop'),
    ]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(await store.getDocument('evolve-approvals', STARTUP)).toMatchObject({ pid: process.pid });
  });
});
