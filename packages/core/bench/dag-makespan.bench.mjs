// Makespan of a DAG of simulated AI tasks (latencies from a fixed seed) on the in-process queue,
// against its lower bound max(critical path, total work / concurrency) and against running the
// same tasks one after another.

import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { createTaskQueue } from '../dist/index.js';

function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Layers like a pipeline: analysis, research fan-out, spec, architecture fan-out, codegen fan-out, validation. */
function buildDag(random) {
  const widths = [1, 8, 4, 6, 20, 1];
  const tasks = [];
  let previous = [];
  widths.forEach((width, layer) => {
    const current = [];
    for (let i = 0; i < width; i += 1) {
      const id = `l${layer}-${i}`;
      const picks =
        previous.length <= 2
          ? previous
          : [...new Set([0, 1].map(() => previous[Math.floor(random() * previous.length)]))];
      tasks.push({
        id,
        dependsOn: layer === widths.length - 1 ? previous : picks,
        latencyMs: 20 + Math.floor(random() * 100),
      });
      current.push(id);
    }
    previous = current;
  });
  return tasks;
}

function criticalPath(tasks) {
  const finish = new Map();
  for (const t of tasks)
    finish.set(t.id, Math.max(0, ...t.dependsOn.map((d) => finish.get(d))) + t.latencyMs);
  return Math.max(...finish.values());
}

export async function run() {
  const concurrency = 15;
  const tasks = buildDag(mulberry32(42));
  const latency = new Map(tasks.map((t) => [t.id, t.latencyMs]));
  const queue = createTaskQueue({
    store: new InMemoryStateStore(),
    concurrency,
    handler: (task) => new Promise((resolve) => setTimeout(resolve, latency.get(task.id))),
  });
  const started = performance.now();
  for (const t of tasks)
    await queue.submit({ id: t.id, startupId: 's', type: 'simulated_ai', dependsOn: t.dependsOn });
  await Promise.all(tasks.map((t) => queue.waitForResult(t.id)));
  const makespan = performance.now() - started;
  await queue.close();
  const totalWork = tasks.reduce((sum, t) => sum + t.latencyMs, 0);
  const lowerBound = Math.max(criticalPath(tasks), totalWork / concurrency);
  return [
    benchResult({
      name: 'core: DAG makespan vs its lower bound',
      metric: 'makespan',
      unit: 'ms',
      value: makespan,
      baseline: lowerBound,
      goal: { maxRatio: 1.3 },
      note: `${tasks.length} tasks, seed 42, concurrency ${concurrency}, total work ${totalWork} ms`,
    }),
    benchResult({
      name: 'core: DAG makespan vs running the tasks one after another',
      metric: 'makespan',
      unit: 'ms',
      value: makespan,
      baseline: totalWork,
      // The plan's bar: decomposition cuts makespan by well over 40%.
      goal: { maxRatio: 0.6 },
      note: `${tasks.length} tasks, seed 42`,
    }),
  ];
}
