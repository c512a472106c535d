import { afterAll, describe, it } from 'vitest';
import { cookiecutterMissing } from '../test/cookiecutter';
import { compareWithCookiecutter, differentialCases, tally } from '../test/differential';
import { huggingfaceCandidate, nunjucksCandidate } from '../test/engine-candidates';

/**
 * The measurement behind the engine choice (packages/templates/README.md): every candidate against
 * real cookiecutter on the differential cases. Opt-in, since it only prints figures:
 * MEASURE_ENGINES=1 npx vitest run src/engine-candidates.test.ts
 */
const measure = process.env.MEASURE_ENGINES === '1' && !(await cookiecutterMissing());
const cases = await differentialCases();
const candidates = {
  'nunjucks + jsonify/slugify': nunjucksCandidate(),
  '@huggingface/jinja': huggingfaceCandidate(),
  'built-in subset': 'builtin' as const,
  'python cookiecutter': 'cookiecutter' as const,
};

for (const [label, engine] of Object.entries(candidates)) {
  describe.skipIf(!measure)(`candidate engine: ${label}`, () => {
    const counts = tally(label, cases.length);
    afterAll(() => counts.print());
    for (const { name, source } of cases) {
      it(name, { timeout: 180_000 }, async () => {
        const result = await compareWithCookiecutter(engine, name, source);
        counts.add(name, result.outcome, result.detail);
      });
    }
  });
}
