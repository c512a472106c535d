// AI result cache: a cached answer through CachingProvider against the same request answered by
// a provider that calls a loopback HTTP server (no artificial delay), measured in the same run.
import { createServer, request } from 'node:http';
import { Bench } from 'tinybench';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { CachingProvider, MemoryResultCache } from '../dist/index.js';

function loopbackProvider(port) {
  return {
    name: 'loopback',
    defaultModel: 'loop-1',
    offline: true,
    complete: (req) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(req.messages);
        const r = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/complete' }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () =>
            resolve({ text, model: 'loop-1', inputTokens: 12, outputTokens: 34, finishReason: 'stop' }),
          );
        });
        r.on('error', reject);
        r.end(body);
      }),
  };
}

export async function run() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(JSON.stringify({ answer: 'a market of 2 million couriers' })));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const inner = loopbackProvider(server.address().port);
  const cached = new CachingProvider(inner, new MemoryResultCache());
  const request = { taskType: 'market_research', messages: [{ role: 'user', content: 'Size the market.' }] };
  await cached.complete(request); // fill the cache

  const bench = new Bench({ time: 1000, warmupTime: 200 });
  bench.add('cached', () => cached.complete(request)).add('uncached loopback', () => inner.complete(request));
  await bench.run();
  server.close();
  const [hit, miss] = bench.tasks.map((t) => t.result.latency.mean * 1000);
  return [
    benchResult({
      name: 'production: AI result cache hit vs loopback provider call',
      metric: 'mean latency',
      unit: 'µs',
      value: hit,
      baseline: miss,
      // A hit (sha256 of the request plus a Map lookup) should cost under a tenth of even a loopback call.
      goal: { maxRatio: 0.1 },
      note: `${cached.stats.hits} hits, ${cached.stats.misses} miss (the fill)`,
    }),
  ];
}
