// Issue 16's two bench rows, from one startup on one machine in one run:
// (a) `factory evolve` with a one-entity change to a healthy app (the gate's install, build, the
//     app's own tests, start and health) against the `factory create` of that startup to a
//     healthy app (its validation's health check); goal <= 0.5. Both run on a machine doing
//     nothing else: neither is deployed yet, so no load generator shares the two cores.
// (b) a second one-entity evolve, of the deployed startup under steady HTTP load: requests served
//     and failed while the new build starts, takes the traffic and the old one drains (goal 0
//     failed), and the new entity's route answers afterwards.
// Run alone: `nice -n 15 node apps/factory/bench/evolve.mjs` (after `pnpm build`).
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepNotRun } from '@startup-factory/contracts';
import { benchResult, writeBenchResults } from '../../../tooling/bench/bench-result.mjs';
import {
  call,
  expectedAnswers,
  failedAnswers,
  load,
  loadRounds,
  pageChunks,
} from '../../../tooling/bench/http-load.mjs';
import { createFactory } from '../dist/index.js';

/** Row (a)'s change, on the startup as created. */
const CHANGE = 'add an entity Invoice with amount (number) and a reference to Shipment';
/** Row (b)'s change, on the deployed startup after (a). */
const DEPLOYED_CHANGE = 'add an entity Payment with amount (number) and a reference to Invoice';

/** Each step's ms; a step the validator skipped (an install with nothing to install) says so instead. */
const stepTimes = (steps) =>
  Object.fromEntries(
    (steps ?? []).map((s) => [
      s.name,
      stepNotRun(s) !== undefined ? 'skipped' : Math.round(s.durationMs ?? Number.NaN),
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

    const evolveStarted = performance.now();
    const outcome = await factory.evolution.evolve(id, { change: CHANGE, approved: true });
    const evolveMs = performance.now() - evolveStarted;
    if (outcome.status !== 'evolved')
      throw new Error(`evolve ended ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);

    const deployed = await factory.parts.deploys.deploy(id);
    const base = deployed.url;
    const oldPid = deployed.pid;
    // The health route, the home page, a page and the client chunks the old build's pages load
    // (a browser still on an old page asks for them after the switch).
    const pages = ['/', '/sign-in'];
    const oldChunks = await pageChunks(base, pages);
    const paths = ['/api/health', ...pages, ...oldChunks];
    // What each path answers before the evolve: a request during the rollout fails when it answers otherwise.
    const expected = await expectedAnswers(base, paths);
    const before = (await call(`${base}/api/payments`)).status;
    const traffic = load(base, paths);
    const rolled = await factory.evolution.evolve(id, { change: DEPLOYED_CHANGE, approved: true });
    const answers = await traffic.stop();
    if (rolled.status !== 'evolved')
      throw new Error(
        `evolve of the deployed app ended ${rolled.status}: ${JSON.stringify(rolled).slice(0, 500)}`,
      );
    // The new entity's route after the switch: signed in, it lists (200) where it answered 404 before.
    const signUp = await call(`${base}/api/auth/sign-up`, {
      method: 'POST',
      body: { email: 'bench@example.com', password: 'correct horse battery' },
    });
    const after = (await call(`${base}/api/payments`, { cookie: signUp.cookie })).status;
    // Then the new build's chunks (its pages and the new entity's list), and the old pages' still, under the same load.
    const newChunks = (await pageChunks(base, [...pages, '/payments'], signUp.cookie)).filter(
      (c) => !paths.includes(c),
    );
    for (const chunk of newChunks) expected[chunk] = 200;
    const afterAnswers = await loadRounds(base, [...paths, ...newChunks]);
    const failed = failedAnswers([...answers, ...afterAnswers], expected);
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
        metric:
          'factory evolve (plan, merge, gate) against factory create of the same startup, each to a healthy app',
        unit: 'ms',
        value: evolveMs,
        baseline: createMs,
        goal: { maxRatio: 0.5 },
        note: `create validation ms: ${JSON.stringify(stepTimes(report.steps))}; evolve gate ms: ${JSON.stringify(stepTimes(outcome.gate))}; gate/create per step: ${JSON.stringify(stepRatios(report.steps, outcome.gate))}; evolve outside the gate (spec revision, render, merge, replace) ms: ${Math.round(evolveMs - gateMs)}`,
      }),
      benchResult({
        name: 'evolve: failed requests during the blue/green rollout of a deployed startup',
        metric: 'requests failed against requests served while the evolved build replaced the running one',
        unit: 'requests',
        value: failed.length,
        baseline: answers.length + afterAnswers.length,
        goal: { maxRatio: 0 },
        note: `served ${answers.length} during the evolve and ${afterAnswers.length} after it (health, ${pages.join(', ')}, ${oldChunks.length} old client chunks, then ${newChunks.length} new ones); failed ${failed.length} ${JSON.stringify(failed.slice(0, 5))}; /api/payments answered ${before} before and ${after} after; deployment generation ${status.generation}, old process ${oldAlive ? 'still running' : 'gone'}; rollout ${rolled.redeploy} ${JSON.stringify(rolled.rollout)}`,
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
