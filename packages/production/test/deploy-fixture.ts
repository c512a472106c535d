import { cpSync, mkdtempSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartupInstance } from '@startup-factory/contracts';

/** Distinct free loopback ports (bound then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** A copy of the tiny app fixture in a fresh temp folder. */
export function tinyAppCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-deploy-'));
  cpSync(fileURLToPath(new URL('./fixtures/tiny-app', import.meta.url)), dir, { recursive: true });
  return dir;
}

export function startupOn(ports: number[], slug = 'tiny-app'): StartupInstance {
  const now = new Date('2026-01-01T00:00:00Z');
  const id = '11111111-2222-4333-8444-555555555555';
  return {
    id,
    slug,
    config: {} as StartupInstance['config'],
    status: 'running',
    resourceAllocation: {
      startupId: id,
      memoryMb: 512,
      cpuCores: 0.5,
      storageGb: 2,
      ports,
      databaseNamespace: 'startup_test',
      apiQuota: {} as NonNullable<StartupInstance['resourceAllocation']>['apiQuota'],
      allocatedAt: now,
      expiresAt: null,
    },
    currentPhase: 'founder_analysis',
    state: {},
    createdAt: now,
    updatedAt: now,
  };
}

export function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends requests back to back from `workers` loops until `stop()`; counts served and failed. */
export function loadLoop(url: string, workers = 4) {
  let running = true;
  const tally = { served: 0, failed: 0, errors: [] as string[] };
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      try {
        const res = await get(url);
        if (res.status === 200) tally.served += 1;
        else {
          tally.failed += 1;
          tally.errors.push(`${res.status} ${res.body.slice(0, 80)}`);
        }
      } catch (error) {
        tally.failed += 1;
        tally.errors.push((error as Error).message);
      }
    }
  });
  return {
    tally,
    async stop() {
      running = false;
      await Promise.all(loops);
      return tally;
    },
  };
}
