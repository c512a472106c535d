// `pnpm bench` for core: runs every bench/*.bench.mjs (each exports `async function run()` that
// returns result rows) one after another, then writes all rows once.
import { readdirSync } from 'node:fs';
import { writeBenchResults } from '../../../tooling/bench/bench-result.mjs';

const benchDir = new URL('.', import.meta.url);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const rows = [];
for (const file of files) {
  const module = await import(new URL(file, benchDir).href);
  rows.push(...(await module.run()));
}
writeBenchResults(new URL('..', import.meta.url).pathname, rows);
