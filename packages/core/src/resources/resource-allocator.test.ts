import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomTestPortBase, resourceAllocatorContract } from '@startup-factory/contracts/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allocatorSetup, sharedPGlite } from '../../test/harness';
import { detectTotalMemoryMb } from './host-capacity';
import { isPortFree } from './is-port-free';
import { ResourceAllocator } from './resource-allocator';

const db = sharedPGlite();
beforeAll(() => db.ready());
afterAll(() => db.close());
afterEach(() => db.reset());

resourceAllocatorContract('ResourceAllocator on PGlite (memory)', allocatorSetup(db));

const listen = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('ResourceAllocator on PGlite', () => {
  it('skips a port another program holds', async () => {
    const base = randomTestPortBase(10);
    const held = await listen(base);
    try {
      expect(await isPortFree(base)).toBe(false);
      const allocator = new ResourceAllocator({
        store: await db.open(),
        portRange: { start: base, end: base + 9 },
      });
      const a = await allocator.allocate('holder-test', { portCount: 2 });
      expect(a.ports).toEqual([base + 1, base + 2]);
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
    expect(await isPortFree(base)).toBe(true);
  });

  it('creates a real schema for the startup and drops it on deallocate', async () => {
    const store = await db.open();
    const allocator = new ResourceAllocator({
      store,
      portRange: { start: 43_000, end: 43_099 },
      isPortFree: async () => true,
    });
    const a = await allocator.allocate('4f1c0de0-aaaa-4bbb-8ccc-123456789abc', {});
    expect(a.databaseNamespace).toBe('startup_4f1c0de0_aaaa_4bbb_8ccc_123456789abc');
    await store.query(`CREATE TABLE "${a.databaseNamespace}".items (id int)`);
    const schemas = async () =>
      (
        await store.query<{ n: string }>('SELECT nspname AS n FROM pg_namespace WHERE nspname = $1', [
          a.databaseNamespace,
        ])
      ).rows.length;
    expect(await schemas()).toBe(1);
    await allocator.deallocate(a.startupId);
    expect(await schemas()).toBe(0);
    const events = await store.listEvents({ startupId: a.startupId });
    expect(events.map((e) => e.type)).toEqual(['resource.allocated', 'resource.released']);
  });

  it('cannot be talked into SQL through a startup id', async () => {
    const store = await db.open();
    const allocator = new ResourceAllocator({
      store,
      portRange: { start: 43_100, end: 43_199 },
      isPortFree: async () => true,
    });
    const a = await allocator.allocate(`x"; DROP TABLE sf_events; --`, { portCount: 1 });
    expect(a.databaseNamespace).toMatch(/^startup_[a-z0-9_]+$/);
    expect(await store.listEvents({ startupId: a.startupId })).toHaveLength(1);
  });

  it('takes the memory total from the cgroup limit when one is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-cgroup-'));
    try {
      writeFileSync(join(dir, 'v2'), `${256 * 1024 * 1024}\n`);
      writeFileSync(join(dir, 'max'), 'max\n');
      expect(detectTotalMemoryMb([join(dir, 'v2')])).toBe(256);
      const unlimited = detectTotalMemoryMb([join(dir, 'max'), join(dir, 'missing')]);
      expect(unlimited).toBeGreaterThan(256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
