import { mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { freePorts, get, loadLoop, startupOn, tinyAppCopy } from '../../test/deploy-fixture';
import { Deployer } from './deployer';
import { releasesDir } from './release-folder';

/** Like `next start`: the page and its client chunks are read from `.next` at request time. */
const BUILD_READING_SERVER = `import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
// Like Next's externals: the build links a package relatively (.next/node_modules/dep-hash).
createRequire(process.cwd() + '/.next/server/page.js')('dep-hash');
const port = Number(process.env.PORT);
const server = createServer((req, res) => {
  if (req.url === '/api/health') return res.end('{"status":"ok","db":"up"}');
  const asset = req.url.startsWith('/_next/static/');
  const file = asset ? '.next/' + req.url.slice('/_next/'.length) : '.next/server/page.html';
  try {
    res.end(readFileSync(file, 'utf8'));
  } catch {
    res.writeHead(asset ? 404 : 500);
    res.end('missing ' + file);
  }
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const chunk = (build: string) => `/_next/static/chunks/page-${build}.js`;

/**
 * What `next build` leaves: a server page that loads its content-named client chunk, and an
 * external package linked relatively to the project's node_modules.
 */
function writeBuild(dir: string, build: string): void {
  mkdirSync(join(dir, 'server'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync('../../node_modules/dep', join(dir, 'node_modules', 'dep-hash'));
  mkdirSync(join(dir, 'static', 'chunks'), { recursive: true });
  writeFileSync(join(dir, 'server', 'page.html'), `page ${build} <script src="${chunk(build)}">`);
  writeFileSync(join(dir, 'static', 'chunks', `page-${build}.js`), `chunk ${build}`);
}

/** An evolve's hand-over: the verified build is renamed in, the replaced one moved away and removed. */
function handOver(projectDir: string, build: string): void {
  const gate = join(projectDir, '..', `${build}-gate`);
  writeBuild(join(gate, '.next'), build);
  renameSync(join(projectDir, '.next'), join(gate, 'trash'));
  renameSync(join(gate, '.next'), join(projectDir, '.next'));
  rmSync(gate, { recursive: true, force: true });
}

let deployer: Deployer | undefined;
afterEach(async () => {
  await deployer?.close();
  deployer = undefined;
});

describe('Deployer: each generation runs from its own release', () => {
  it("keeps the old build serving its pages and chunks when the project's build is handed over, and the new one serves the old page's chunks", async () => {
    const ports = await freePorts(3);
    const dir = tinyAppCopy();
    writeFileSync(join(dir, 'server.mjs'), BUILD_READING_SERVER);
    mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
    writeBuild(join(dir, '.next'), 'gen1');
    const startup = startupOn(ports);
    deployer = new Deployer({
      store: new InMemoryStateStore(),
      healthTimeoutMs: 60_000,
      drainTimeoutMs: 5_000,
      stopTimeoutMs: 3_000,
    });
    const { url } = await deployer.deploy(startup, dir);
    expect((await get(`${url}/`)).body).toContain(chunk('gen1'));

    handOver(dir, 'gen2');
    // Until the switch the old process serves its own build. It used to read the project's `.next`,
    // which the hand-over replaces: it answered the new build's page, or 500 for a file moved away.
    expect(await get(`${url}/`)).toEqual({ status: 200, body: `page gen1 <script src="${chunk('gen1')}">` });
    expect(await get(`${url}${chunk('gen1')}`)).toEqual({ status: 200, body: 'chunk gen1' });

    const oldChunk = loadLoop(`${url}${chunk('gen1')}`, 2);
    const page = loadLoop(`${url}/`, 2);
    await deployer.redeploy(startup.id);
    const chunkTally = await oldChunk.stop();
    const pageTally = await page.stop();
    expect(chunkTally.errors).toEqual([]);
    expect(pageTally.errors).toEqual([]);
    expect(chunkTally.served + pageTally.served).toBeGreaterThan(4);

    // The new process serves the new build, and still the old page's chunk.
    expect((await get(`${url}/`)).body).toContain(chunk('gen2'));
    expect(await get(`${url}${chunk('gen2')}`)).toEqual({ status: 200, body: 'chunk gen2' });
    expect(await get(`${url}${chunk('gen1')}`)).toEqual({ status: 200, body: 'chunk gen1' });
    // The old release went with its process; the new one is the only one left.
    expect(readdirSync(releasesDir(dir))).toEqual([`port-${ports[2]}`]);

    await deployer.stop(startup.id);
    expect(readdirSync(releasesDir(dir))).toEqual([]);
  });
});
