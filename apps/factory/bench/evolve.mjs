// Issue 16's two bench rows, from one startup on one machine in one run:
// (a) `factory evolve` with a one-entity change to a healthy app (the gate's install, build, the
//     app's own tests, start and health, then the blue/green switch to the new build) against the
//     `factory create` of that startup to a healthy app; goal <= 0.5.
// (b) the same evolve of the deployed startup under steady HTTP load: requests served and failed
//     while the new build starts, takes the traffic and the old one drains (goal 0 failed), and
//     the new entity's route answers afterwards.
// Run alone: `nice -n 15 node apps/factory/bench/evolve.mjs` (after `pnpm build`).
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchResult, writeBenchResults } from '../../../tooling/bench/bench-result.mjs';
import { createFactory } from '../dist/index.js';

const CHANGE = 'add an entity Invoice with amount (number) and a reference to Shipment';

/** One GET without keep-alive (every request opens its own connection, as a browser's first does). */
function get(url, headers = {}) {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie'] }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    req.end();
  });
}

function post(url, body) {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie'] }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    req.end(data);
  });
}

/** Steady load on `paths` from `workers` loops until stopped: what each request answered. */
function load(base, paths, workers = 3) {
  const answers = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = w; running; i++) {
      const path = paths[i % paths.length];
      const answer = await get(`${base}${path}`);
      answers.push({ path, ...answer });
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

/** Each step's ms; a step the validator skipped (an install with nothing to install) says so instead. */
const stepTimes = (steps) =>
  Object.fromEntries(
    (steps ?? []).map((s) => [
      s.name,
      s.detail?.startsWith(`${s.name} skipped:`) ? 'skipped' : Math.round(s.durationMs ?? Number.NaN),
    ]),
  );

/** Per step, the evolve's gate against the create's validation: fairer than the totals on a shared machine. */
function stepRatios(created, gated) {
  const byName = Object.fromEntries((created ?? []).map((s) => [s.name, s.durationMs]));
  return Object.fromEntries(
    (gated ?? [])
      .filter((s) => byName[s.name] > 0)
      .map((s) => [s.name, Math.round(((s.durationMs ?? 0) / byName[s.name]) * 100) / 100]),
  );
}

export async function run() {
  const dataDir = await mkdtemp(join(tmpdir(), 'sf-bench-evolve-'));
  const factory = await createFactory({ dataDir, portRange: { start: 25_900, end: 25_949 } }, { env: {} });
  try {
    await factory.warmUp();
    const createStarted = performance.now();
    const { id } = await factory.create({
      name: 'Route Mate',
      industry: 'Logistics',
      category: 'B2B SaaS',
      template: 'reactnext',
    });
    const created = await factory.waitFor(id);
    const createMs = performance.now() - createStarted;
    if (created.status !== 'completed') throw new Error(`Route Mate ended ${created.status}`);
    const report = JSON.parse(readFileSync(join(created.folder, 'docs/validation-report.json'), 'utf8'));

    const deployed = await factory.parts.deploys.deploy(id);
    const base = deployed.url;
    const oldPid = deployed.pid;
    // A page, the health route and a client chunk the page loads (a browser on the old page asks for it).
    const page = await fetch(`${base}/`).then((r) => r.text());
    const chunk = page.match(/\/_next\/static\/[^"'\s]+\.js/)?.[0];
    const paths = ['/api/health', '/', ...(chunk ? [chunk] : [])];
    // What each path answers before the evolve: a request during the rollout fails when it answers otherwise.
    const expected = {};
    for (const path of paths) expected[path] = (await get(`${base}${path}`)).status;
    const before = (await get(`${base}/api/invoices`)).status;

    const traffic = load(base, paths);
    const evolveStarted = performance.now();
    const outcome = await factory.evolution.evolve(id, { change: CHANGE, approved: true });
    const evolveMs = performance.now() - evolveStarted;
    const answers = await traffic.stop();
    if (outcome.status !== 'evolved')
      throw new Error(`evolve ended ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);
    const failed = answers.filter((a) => a.status !== expected[a.path]);

    // The new entity's route after the switch: signed in, it lists (200) where it answered 404 before.
    const signUp = await post(`${base}/api/auth/sign-up`, {
      email: 'bench@example.com',
      password: 'correct horse battery',
    });
    const cookie = String(signUp.cookie?.[0] ?? '').split(';')[0];
    const after = (await get(`${base}/api/invoices`, { cookie })).status;
    const status = await factory.parts.deploys.status(id);
    let oldAlive = false;
    try {
      if (oldPid) process.kill(-oldPid, 0);
      oldAlive = Boolean(oldPid);
    } catch {
      oldAlive = false;
    }
    const gateMs = (outcome.gate ?? []).reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
    return [
      benchResult({
        name: 'evolve: a one-entity change to a healthy app vs a fresh create (reactnext)',
        metric: 'factory evolve (gate + blue/green switch) against factory create of the same startup',
        unit: 'ms',
        value: evolveMs,
        baseline: createMs,
        goal: { maxRatio: 0.5 },
        note: `create validation ms: ${JSON.stringify(stepTimes(report.steps))}; evolve gate ms: ${JSON.stringify(stepTimes(outcome.gate))}; gate/create per step: ${JSON.stringify(stepRatios(report.steps, outcome.gate))}; evolve outside the gate (spec revision, render, merge, replace, rollout) ms: ${Math.round(evolveMs - gateMs)}; rollout: ${JSON.stringify(outcome.rollout)}`,
      }),
      benchResult({
        name: 'evolve: failed requests during the blue/green rollout of a deployed startup',
        metric: 'requests failed against requests served while the evolved build replaced the running one',
        unit: 'requests',
        value: failed.length,
        baseline: answers.length,
        goal: { maxRatio: 0 },
        note: `served ${answers.length}; failed ${failed.length} ${JSON.stringify(failed.slice(0, 5))}; /api/invoices answered ${before} before and ${after} after; deployment generation ${status.generation}, old process ${oldAlive ? 'still running' : 'gone'}; rollout ${outcome.redeploy}`,
      }),
    ];
  } finally {
    await factory.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeBenchResults(new URL('..', import.meta.url).pathname, await run());
}
