// The measurement behind the engine choice (README "Render engines, chosen on evidence"): every
// candidate engine against the real `cookiecutter --no-input` on every differential case, the output
// trees compared byte by byte. Prints each candidate's identical / refused / different counts with
// the cases behind them, and returns one row per candidate. The helpers are the differential test's
// own TypeScript (test/differential.ts), loaded through vitest's module runner.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createVitest } from 'vitest/node';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';

const packageDir = new URL('..', import.meta.url).pathname;

/** Rows for `pnpm bench`: none, with a line saying why, where cookiecutter is not installed. */
export async function run() {
  const installed = await promisify(execFile)('cookiecutter', ['--version']).then(
    () => true,
    () => false,
  );
  if (!installed) {
    process.stdout.write('engine candidates: cookiecutter is not installed, nothing to compare with\n');
    return [];
  }
  const vitest = await createVitest('test', { watch: false, root: packageDir });
  try {
    const differential = await vitest.import('./test/differential.ts');
    const engines = await vitest.import('./test/engine-candidates.ts');
    const cases = await differential.differentialCases();
    const candidates = [
      // Rejected candidates: their counts are the evidence; only the chosen engines have a goal.
      { label: 'nunjucks + jsonify/slugify', engine: engines.nunjucksCandidate(), chosen: false },
      { label: '@huggingface/jinja', engine: engines.huggingfaceCandidate(), chosen: false },
      { label: 'built-in subset', engine: 'builtin', chosen: true },
      { label: 'python cookiecutter', engine: 'cookiecutter', chosen: true },
    ];
    const rows = [];
    for (const { label, engine, chosen } of candidates) {
      const counts = differential.tally(label, cases.length);
      const seen = { identical: 0, refused: 0, different: 0 };
      for (const { name, source } of cases) {
        const result = await differential.compareWithCookiecutter(engine, name, source);
        counts.add(name, result.outcome, result.detail);
        seen[result.outcome] += 1;
      }
      counts.print();
      const note = `identical ${seen.identical}, refused ${seen.refused}, different ${seen.different} of ${cases.length}`;
      rows.push(
        chosen
          ? benchResult({
              name: `templates: ${label} engine output different from cookiecutter's`,
              metric: 'cases different (silently wrong output)',
              unit: 'cases',
              value: seen.different,
              baseline: cases.length,
              // A shipped engine renders exactly what cookiecutter does, or refuses with a typed error.
              goal: { maxRatio: 0 },
              note,
            })
          : benchResult({
              name: `templates: candidate ${label} identical to cookiecutter`,
              metric: 'cases identical',
              unit: 'cases',
              value: seen.identical,
              baseline: cases.length,
              // A record of why it was not chosen (see the note), not a target.
              goal: { minRatio: 0 },
              note,
            }),
      );
    }
    return rows;
  } finally {
    await vitest.close();
  }
}
