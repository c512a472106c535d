// Zero-downtime deploy: requests served and failed through the proxy while the fixture app is
// redeployed 10 times under load, through the DeployService the CLI, the HTTP API and the
// dashboard call. value = success ratio, baseline = 1 (every request served).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { DeployService } from '../dist/index.js';

async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((r) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => r(s));
        }),
    ),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const get = (url) =>
  new Promise((resolve) => {
    const r = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    r.on('error', () => resolve(false));
    r.end();
  });

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'sf-deploy-bench-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-deploy-bench-data-'));
  cpSync(fileURLToPath(new URL('../test/fixtures/tiny-app', import.meta.url)), dir, { recursive: true });
  const ports = await freePorts(3);
  const id = '11111111-2222-4333-8444-555555555555';
  const startup = { id, slug: 'bench-app', resourceAllocation: { memoryMb: 256, cpuCores: 0.5, ports } };
  const service = new DeployService({
    dataDir,
    deployer: { store: { appendEvent: async (e) => e } },
    resolve: async () => ({ startup, projectDir: dir }),
  });
  const { url } = await service.deploy(id);
  let running = true;
  let served = 0;
  let failed = 0;
  const loops = Array.from({ length: 4 }, async () => {
    while (running) {
      if (await get(`${url}/`)) served += 1;
      else failed += 1;
    }
  });
  const started = Date.now();
  for (let i = 0; i < 10; i += 1) await service.redeploy(id);
  const seconds = (Date.now() - started) / 1000;
  running = false;
  await Promise.all(loops);
  await service.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  const total = served + failed;
  return [
    benchResult({
      name: 'production: requests served during 10 redeploys under load',
      metric: 'success ratio (served / sent)',
      unit: 'ratio',
      value: total === 0 ? 0 : served / total,
      baseline: 1,
      goal: { minRatio: 0.999 },
      note: `served ${served}, failed ${failed} in ${seconds.toFixed(1)} s over 10 redeploys (4 client loops)`,
    }),
  ];
}
