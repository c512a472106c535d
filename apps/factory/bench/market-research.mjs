// Market research as users run it (createFactory with an OpenAI-compatible provider, the pipeline's
// phase plan, the queue, the coordinator, the real openai SDK) against one undecomposed call for
// the whole document. A loopback server stands in for the model: it answers the fields of the
// schema each request asks for, taken from one reference research, and takes a fixed time per
// output token, as a model does. Run alone: `node apps/factory/bench/market-research.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftOffline } from '@startup-factory/ai-coordination';
import { startLoopbackServer } from '@startup-factory/ai-coordination/testing';
import { MARKET_RESEARCH_PARTS, OUTPUT_SCHEMAS, StartupConfig } from '@startup-factory/contracts';
import { benchResult, writeBenchResults } from '../../../tooling/bench/bench-result.mjs';
import { createFactory } from '../dist/index.js';

/**
 * Simulated generation speed for market-research answers: a hosted model writes roughly 50-100
 * tokens a second. Answers of the other phases, which this bench does not measure, come at once.
 */
const MS_PER_OUTPUT_TOKEN = 10;
const RUNS = 3;
const IDEA = {
  industry: 'Logistics',
  category: 'B2B SaaS',
  description: 'Route planning for small courier firms.',
};

/** Tokens of an answer, about four characters each (what the loopback server reports). */
const tokensOf = (text) => Math.ceil(JSON.stringify(text).length / 4);
const fieldsOf = (name) => Object.keys(OUTPUT_SCHEMAS[name].shape);
const pick = (doc, keys) => Object.fromEntries(keys.filter((k) => k in doc).map((k) => [k, doc[k]]));

/** What a model answers for a schema: its fields of the reference research, or a draft for the other phases. */
function answerFor(name, research, config) {
  if (name === 'market_research' || name in MARKET_RESEARCH_PARTS) return pick(research, fieldsOf(name));
  const { draftedOffline: _, genericDraft: __, ...draft } = draftOffline(name, config);
  return draft;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run() {
  const {
    draftedOffline: _,
    genericDraft: __,
    ...research
  } = draftOffline('market_research', StartupConfig.parse({ name: 'Bench Research', ...IDEA }));
  const minimum = Object.keys(MARKET_RESEARCH_PARTS).reduce(
    (n, name) => n + tokensOf(JSON.stringify(pick(research, fieldsOf(name)))),
    0,
  );
  const server = await startLoopbackServer({
    responder: (request) => {
      const config = StartupConfig.parse({ name: 'Bench Research', ...IDEA });
      const name = request.schemaName ?? 'founder_analysis';
      const content = JSON.stringify(answerFor(name, research, config));
      const outputTokens = tokensOf(content);
      const market = name === 'market_research' || name in MARKET_RESEARCH_PARTS;
      return { content, outputTokens, ...(market ? { delayMs: outputTokens * MS_PER_OUTPUT_TOKEN } : {}) };
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-bench-mr-'));
  const factory = await createFactory(
    { dataDir, validateProjects: false, portRange: { start: 25_500, end: 25_599 } },
    { env: { OPENAI_API_KEY: 'sk-bench-market-research-0000', OPENAI_BASE_URL: server.openaiBaseURL } },
  );
  try {
    const { store, coordinator, pipeline } = factory.parts;
    const live = { ms: [], tokens: [], calls: [], schemas: new Set() };
    for (let i = 0; i < RUNS; i++) {
      const before = server.requests.length;
      // Different names, so no answer comes from the result cache.
      const created = await factory.create({ name: `Bench Research ${i + 1}`, ...IDEA });
      const done = await factory.waitFor(created.id);
      if (done.status !== 'completed') throw new Error(`bench startup ended ${done.status}`);
      const phase = (await store.listEvents({ startupId: created.id, types: ['phase.finished'] })).find(
        (e) => e.phase === 'market_research',
      );
      if (!phase) throw new Error('no market_research phase event');
      const usage = (await store.listUsage({ startupId: created.id })).filter((u) =>
        u.taskType.startsWith('market_research'),
      );
      for (const r of server.requests.slice(before)) {
        if (r.schemaName && (r.schemaName === 'market_research' || r.schemaName in MARKET_RESEARCH_PARTS))
          live.schemas.add(r.schemaName);
      }
      live.ms.push(phase.durationMs);
      live.tokens.push(usage.reduce((n, u) => n + u.outputTokens, 0));
      live.calls.push(usage.length);
    }
    const single = { ms: [], tokens: [] };
    for (let i = 0; i < RUNS; i++) {
      const created = await factory.create({ name: `Bench Single Call ${i + 1}`, ...IDEA });
      await factory.waitFor(created.id);
      const context = await pipeline.contextFor(created.id);
      const started = performance.now();
      const result = await coordinator.executeTaskWithContext(
        {
          id: `bench-single-${i}`,
          startupId: created.id,
          type: 'market_research',
          phase: 'market_research',
          outputSchema: 'market_research',
          prompt: 'Research the market for this startup.',
          input: {},
          priority: 3,
          dependsOn: [],
          maxAttempts: 3,
        },
        context,
      );
      single.ms.push(performance.now() - started);
      if (result.status !== 'succeeded') throw new Error(`undecomposed call ${result.status}`);
      const usage = (await store.listUsage({ startupId: created.id })).filter(
        (u) => u.taskId === `bench-single-${i}`,
      );
      single.tokens.push(usage.reduce((n, u) => n + u.outputTokens, 0));
    }
    const liveTokens = median(live.tokens);
    const liveMs = median(live.ms);
    const singleMs = median(single.ms);
    const singleTokens = median(single.tokens);
    const note = `schemas asked: ${[...live.schemas].sort().join(', ')}; ${median(live.calls)} calls; output tokens ${liveTokens} vs ${singleTokens} for one undecomposed call (ratio ${(liveTokens / singleTokens).toFixed(2)}); ${MS_PER_OUTPUT_TOKEN} ms per output token`;
    return [
      benchResult({
        name: 'pipeline: market research output tokens vs the per-part minimum',
        metric: `output tokens of the pipeline's market-research phase (median of ${RUNS}) against each part written once`,
        unit: 'tokens',
        value: liveTokens,
        baseline: minimum,
        goal: { maxRatio: 1.1 },
        note,
      }),
      benchResult({
        name: 'pipeline: market research latency vs one undecomposed call',
        metric: `phase wall time (median of ${RUNS}) against one call for the whole document, latency per output token`,
        unit: 'ms',
        value: liveMs,
        baseline: singleMs,
        // Four parts in parallel: the phase takes about as long as its longest part.
        goal: { maxRatio: 0.6 },
        note: `phase ${Math.round(liveMs)} ms, one call ${Math.round(singleMs)} ms`,
      }),
    ];
  } finally {
    await factory.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await run();
  writeBenchResults(join(new URL('.', import.meta.url).pathname, '..'), rows);
  for (const r of rows) process.stdout.write(`  ${r.note}\n`);
}
