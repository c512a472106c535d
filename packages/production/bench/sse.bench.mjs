// SSE fan-out: time for 300 live events to reach 25 connected dashboard clients over loopback,
// against the same events reaching one client, measured in the same run.

import { InMemoryEventBus } from '@startup-factory/contracts';
import { InMemoryStartupManager, InMemoryStateStore } from '@startup-factory/contracts/testing';
import Fastify from 'fastify';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { dashboardPlugin } from '../dist/index.js';

const EVENTS = 300;

async function fanOut(clients) {
  const store = new InMemoryStateStore();
  const bus = new InMemoryEventBus();
  const app = Fastify();
  await app.register(dashboardPlugin, { store, bus, manager: new InMemoryStartupManager() });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const base0 = bus.subscriberCount;
  const done = [];
  for (let c = 0; c < clients; c++) {
    const response = await fetch(`${base}/api/events`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    done.push(
      (async () => {
        let seen = 0;
        let text = '';
        while (seen < EVENTS) {
          const { value, done: end } = await reader.read();
          if (end) break;
          text += decoder.decode(value, { stream: true });
          const frames = text.split('\n\n');
          text = frames.pop();
          seen += frames.filter((f) => f.includes('data: ')).length;
        }
        return seen;
      })(),
    );
  }
  while (bus.subscriberCount < base0 + clients) await new Promise((r) => setTimeout(r, 5));
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const stored = await store.appendEvent({
      type: 'phase.started',
      startupId: `s${i}`,
      at: new Date(),
      phase: 'mvp_spec',
    });
    await bus.publish(stored);
  }
  const counts = await Promise.all(done);
  const elapsed = performance.now() - started;
  if (counts.some((n) => n !== EVENTS)) throw new Error(`lost events: ${counts.join(',')}`);
  await app.close();
  return elapsed;
}

export async function run() {
  await fanOut(1); // warm-up
  const one = Math.min(await fanOut(1), await fanOut(1));
  const many = Math.min(await fanOut(25), await fanOut(25));
  return [
    benchResult({
      name: 'production: SSE fan-out to 25 dashboards',
      metric: `time for ${EVENTS} events to reach every client`,
      unit: 'ms',
      value: many,
      baseline: one,
      // 25 clients may cost at most 25x one client: delivery must not be worse than linear.
      goal: { maxRatio: 25 },
      note: `${((many / 25 / EVENTS) * 1000).toFixed(1)} µs per event per client at 25 clients`,
    }),
  ];
}
