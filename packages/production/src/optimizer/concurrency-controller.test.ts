import type { FactoryEvent } from '@startup-factory/contracts';
import { FactoryEvent as FactoryEventSchema, InvalidConfigError } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { ConcurrencyController, type ResourceSample } from './concurrency-controller';

function harness(samples: ResourceSample[], options: { initial?: number } = {}) {
  let now = 0;
  const events: FactoryEvent[] = [];
  const applied: number[] = [];
  const script = [...samples];
  const controller = new ConcurrencyController({
    min: 2,
    max: 8,
    initial: options.initial ?? 8,
    sampler: () => script.shift() ?? { memory: 0.5, cpu: 0.5 },
    calmSamples: 2,
    raiseCooldownMs: 10_000,
    lowerCooldownMs: 1000,
    clock: () => now,
    emit: (e) => events.push(e),
    onChange: (to) => applied.push(to),
  });
  return {
    controller,
    events,
    applied,
    /** Advances the clock by `ms`, then ticks. */
    async tickAfter(ms: number) {
      now += ms;
      return controller.tick();
    },
  };
}

const calm = { memory: 0.4, cpu: 0.3 };
const hot = { memory: 0.95, cpu: 0.3 };

describe('ConcurrencyController', () => {
  it('halves under memory pressure down to the minimum, one lowering per cooldown', async () => {
    const h = harness([hot, hot, hot, hot, hot]);
    expect(await h.tickAfter(1000)).toBe(4);
    expect(await h.tickAfter(500)).toBe(4); // inside the lowering cooldown
    expect(await h.tickAfter(500)).toBe(2);
    expect(await h.tickAfter(1000)).toBe(2); // at the minimum: no change, no event
    expect(h.applied).toEqual([4, 2]);
    expect(h.events.map((e) => e.type === 'queue.concurrency_changed' && [e.from, e.to])).toEqual([
      [8, 4],
      [4, 2],
    ]);
    const first = h.events[0]!;
    expect(FactoryEventSchema.parse(first)).toMatchObject({
      startupId: 'system',
      reason: 'memory 95% >= 90%',
    });
  });

  it('raises one step at a time only after calm samples and the raise cooldown (hysteresis)', async () => {
    const between = { memory: 0.8, cpu: 0.3 }; // below high, above low: hold
    const h = harness([hot, calm, between, calm, calm, calm, calm, calm]);
    expect(await h.tickAfter(0)).toBe(4);
    expect(await h.tickAfter(1000)).toBe(4); // one calm sample
    expect(await h.tickAfter(1000)).toBe(4); // in the band: the calm streak resets
    expect(await h.tickAfter(1000)).toBe(4);
    expect(await h.tickAfter(1000)).toBe(4); // two calm, but only 4 s since the lowering
    expect(await h.tickAfter(6000)).toBe(5); // calm streak and cooldown both satisfied
    expect(await h.tickAfter(1000)).toBe(5);
    expect(await h.tickAfter(10_000)).toBe(6);
    const last = h.events.at(-1)!;
    expect(last).toMatchObject({ type: 'queue.concurrency_changed', from: 5, to: 6 });
    expect(last.type === 'queue.concurrency_changed' && last.reason).toMatch(
      /^recovered: memory 40%, cpu 30%/,
    );
  });

  it('lowers on climbing provider latency and recovers when it falls', async () => {
    const h = harness([calm, calm, calm, calm, calm, calm]);
    for (const ms of [1000, 2000, 1500]) h.controller.recordLatency(ms);
    expect(await h.tickAfter(1000)).toBe(8);
    for (let i = 0; i < 8; i += 1) h.controller.recordLatency(60_000);
    expect(await h.tickAfter(1000)).toBe(4);
    expect(h.events.at(-1)).toMatchObject({ from: 8, to: 4 });
    expect((h.events.at(-1) as { reason: string }).reason).toMatch(/provider latency \d+ ms >= 20000 ms/);
    for (let i = 0; i < 20; i += 1) h.controller.recordLatency(500);
    expect(await h.tickAfter(30_000)).toBe(4);
    expect(await h.tickAfter(1000)).toBe(5);
  });

  it('rejects bounds that make no sense and clamps the initial target', () => {
    const refusal = (options: { min: number; max: number }) => {
      try {
        new ConcurrencyController(options);
      } catch (error) {
        return error;
      }
      throw new Error(`bounds ${JSON.stringify(options)} were accepted`);
    };
    for (const [options, path] of [
      [{ min: 0, max: 4 }, 'min'],
      [{ min: 5, max: 4 }, 'max'],
      [{ min: 1, max: 2.5 }, 'max'],
      [{ min: Number.NaN, max: 4 }, 'min'],
    ] as const) {
      const error = refusal(options);
      // A typed error with a stable code and the field's path, not a bare RangeError.
      expect(InvalidConfigError.isInstance(error), JSON.stringify(options)).toBe(true);
      expect((error as InvalidConfigError).issues.map((i) => i.path)).toContain(path);
      expect((error as InvalidConfigError).message).toMatch(/taskConcurrency/);
    }
    expect(new ConcurrencyController({ min: 2, max: 4, initial: 10 }).target).toBe(4);
  });
});
