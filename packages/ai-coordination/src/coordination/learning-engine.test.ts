import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { LearningEngine } from './learning-engine';
import { seededRandom } from './seeded-random';

/** Providers of known quality and price; the engine only sees sampled outcomes. */
const ARMS = [
  { name: 'cheap-bad', quality: 0.35, costUsd: 0.001, latencyMs: 800 },
  { name: 'pricey-good', quality: 0.9, costUsd: 0.05, latencyMs: 3000 },
  { name: 'balanced', quality: 0.8, costUsd: 0.004, latencyMs: 1500 },
];

describe('LearningEngine', () => {
  it('learns the provider with the best quality per cost: late-round regret is far below early-round regret', async () => {
    const random = seededRandom(42);
    const engine = new LearningEngine({ store: new InMemoryStateStore(), random });
    const expected = (arm: (typeof ARMS)[number]) => engine.reward({ success: true, ...arm });
    const best = Math.max(...ARMS.map(expected));
    const regrets: number[] = [];
    for (let round = 0; round < 400; round++) {
      const [choice] = await engine.rank(
        'market_research',
        ARMS.map((a) => a.name),
      );
      const arm = ARMS.find((a) => a.name === choice) ?? ARMS[0]!;
      const noisyQuality = Math.max(0, Math.min(1, arm.quality + (random() - 0.5) * 0.3));
      await engine.record('market_research', arm.name, { success: true, ...arm, quality: noisyQuality });
      regrets.push(best - expected(arm));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(regrets.slice(0, 50));
    const late = mean(regrets.slice(-100));
    expect(early).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(early * 0.25);
    const stats = await engine.stats('market_research');
    expect(stats.balanced?.pulls).toBeGreaterThan(300);
  });

  it('keeps what it learned in the store for a new instance', async () => {
    const store = new InMemoryStateStore();
    const engine = new LearningEngine({ store, random: seededRandom(1) });
    for (let i = 0; i < 30; i++) {
      await engine.record('mvp_spec', 'good', {
        success: true,
        quality: 0.95,
        costUsd: 0.001,
        latencyMs: 500,
      });
      await engine.record('mvp_spec', 'bad', { success: false, quality: 0, costUsd: 0, latencyMs: 500 });
    }
    const reopened = new LearningEngine({ store, random: seededRandom(2) });
    expect((await reopened.stats('mvp_spec')).good?.pulls).toBe(30);
    let goodFirst = 0;
    for (let i = 0; i < 20; i++)
      if ((await reopened.rank('mvp_spec', ['bad', 'good']))[0] === 'good') goodFirst++;
    expect(goodFirst).toBe(20);
  });

  it('adds up what engines of several processes learn instead of one overwriting the other', async () => {
    const store = new InMemoryStateStore();
    const a = new LearningEngine({ store, origin: 'worker-a', refreshMs: 0 });
    const b = new LearningEngine({ store, origin: 'worker-b', refreshMs: 0 });
    const good = { success: true, quality: 0.9, costUsd: 0.001, latencyMs: 400 };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).record('architecture', 'good', good)),
    );
    await a.record('architecture', 'bad', { success: false, quality: 0, costUsd: 0, latencyMs: 400 });
    const observer = new LearningEngine({ store, origin: 'observer' });
    const stats = await observer.stats('architecture');
    expect(stats.good?.pulls).toBe(20);
    expect(stats.bad).toMatchObject({ pulls: 1, failures: 1, alpha: 1, beta: 2 });
    expect((await b.stats('architecture')).bad?.pulls).toBe(1);
    // Each origin keeps one document, however often it records.
    expect((await store.listDocuments('ai-learning')).map((d) => d.key).sort()).toEqual([
      'worker-a',
      'worker-b',
    ]);
    // A restarted process with the same origin continues its own counts.
    const again = new LearningEngine({ store, origin: 'worker-a', refreshMs: 0 });
    await again.record('architecture', 'good', good);
    expect((await observer.stats('architecture')).good?.pulls).toBe(20); // observer reads others every 2 s
    expect((await new LearningEngine({ store }).stats('architecture')).good?.pulls).toBe(21);
  });

  it('reads what its origin learned on every task type in one read, once per instance', async () => {
    const store = new InMemoryStateStore();
    const types = ['founder_analysis', 'market_research.pricing', 'mvp_spec', 'architecture'];
    const good = { success: true, quality: 0.9, costUsd: 0.001, latencyMs: 400 };
    const first = new LearningEngine({ store, origin: 'host' });
    for (const type of types) await first.record(type, 'good', good);
    // A restarted process of the same origin: what it reads before recording on four task types.
    let reads = 0;
    const getDocument = store.getDocument.bind(store);
    const listDocuments = store.listDocuments.bind(store);
    store.getDocument = ((...args: Parameters<typeof getDocument>) => {
      reads++;
      return getDocument(...args);
    }) as typeof store.getDocument;
    store.listDocuments = ((...args: Parameters<typeof listDocuments>) => {
      reads++;
      return listDocuments(...args);
    }) as typeof store.listDocuments;
    const again = new LearningEngine({ store, origin: 'host' });
    for (const type of types) await again.record(type, 'good', good);
    expect(reads).toBe(1);
    // It continued its own counts on each type, and over all of them.
    for (const type of types) expect((await again.stats(type)).good?.pulls).toBe(2);
    expect((await again.stats('*')).good?.pulls).toBe(8);
  });

  it('scores failures at zero and charges cost and latency', () => {
    const engine = new LearningEngine({ store: new InMemoryStateStore() });
    expect(engine.reward({ success: false, quality: 1, costUsd: 0, latencyMs: 0 })).toBe(0);
    const cheap = engine.reward({ success: true, quality: 0.8, costUsd: 0.001, latencyMs: 100 });
    expect(engine.reward({ success: true, quality: 0.8, costUsd: 0.1, latencyMs: 100 })).toBeLessThan(cheap);
    expect(engine.reward({ success: true, quality: 0.8, costUsd: 0.001, latencyMs: 60_000 })).toBeLessThan(
      cheap,
    );
  });

  it('counts each call beyond the first (a retry after a timeout, a re-ask) as one more failed observation', async () => {
    const engine = new LearningEngine({ store: new InMemoryStateStore() });
    const answer = { success: true, quality: 0.8, costUsd: 0, latencyMs: 0 };
    await engine.record('mvp_spec', 'once', answer);
    await engine.record('mvp_spec', 'thrice', { ...answer, calls: 3 });
    const stats = await engine.stats('mvp_spec');
    expect(stats.once).toMatchObject({ pulls: 1, alpha: 1.8 });
    expect(stats.once?.beta).toBeCloseTo(1.2, 6);
    expect(stats.thrice).toMatchObject({ pulls: 1, alpha: 1.8 });
    expect(stats.thrice?.beta).toBeCloseTo(3.2, 6);
  });

  it('ranks providers on a task type it has not seen by what they did on the others', async () => {
    const store = new InMemoryStateStore();
    const engine = new LearningEngine({ store, random: seededRandom(7) });
    for (const type of ['founder_analysis', 'market_research.pricing', 'architecture']) {
      for (let i = 0; i < 4; i++) {
        await engine.record(type, 'good', { success: true, quality: 0.9, costUsd: 0.001, latencyMs: 900 });
        await engine.record(type, 'bad', {
          success: false,
          quality: 0,
          costUsd: 0.001,
          latencyMs: 2400,
          calls: 2,
        });
      }
    }
    let goodFirst = 0;
    for (let i = 0; i < 50; i++)
      if ((await engine.rank('mvp_spec', ['bad', 'good']))[0] === 'good') goodFirst++;
    expect(goodFirst).toBeGreaterThanOrEqual(48);
    // Kept apart (poolWeight 0), a new type starts from the prior: about even.
    const apart = new LearningEngine({ store, random: seededRandom(7), poolWeight: 0 });
    let apartGood = 0;
    for (let i = 0; i < 50; i++)
      if ((await apart.rank('mvp_spec', ['bad', 'good']))[0] === 'good') apartGood++;
    expect(apartGood).toBeLessThan(40);
  });
});
