// Runs every bench/*.bench.mjs (each exports `async function run()` returning rows) and writes
// bench-results.json once.
import { readdirSync } from 'node:fs';
import { writeBenchResults } from '../../../tooling/bench/bench-result.mjs';

const dir = new URL('.', import.meta.url);
const rows = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort()) {
  const { run } = await import(new URL(file, dir).href);
  rows.push(...(await run()));
}
writeBenchResults(new URL('..', import.meta.url).pathname, rows);
