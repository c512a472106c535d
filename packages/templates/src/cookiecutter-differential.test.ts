import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { cookiecutterMissing, readCase } from '../test/cookiecutter';
import { compareWithCookiecutter, differentialCases, tally } from '../test/differential';

const missing = await cookiecutterMissing();
const cases = await differentialCases();

for (const engine of ['cookiecutter', 'builtin'] as const) {
  describe.skipIf(missing)(`differential: ${engine} engine against real cookiecutter`, () => {
    const counts = tally(`${engine} engine`, cases.length);
    afterAll(() => counts.print());

    for (const { name, source } of cases) {
      it(`${name}: identical to cookiecutter or refused before writing`, {
        timeout: scaled(180_000),
      }, async () => {
        const result = await compareWithCookiecutter(engine, name, source);
        counts.add(name, result.outcome, result.detail);
        expect(result.outcome, result.detail).not.toBe('different');
        const diffCase = await readCase(source);
        if (diffCase.expect === 'refused') {
          expect(result.cookiecutterError, 'cookiecutter itself should fail on this fixture').not.toBeNull();
          expect(result.outcome).toBe('refused');
        } else {
          expect(result.cookiecutterError, 'cookiecutter itself should render this fixture').toBeNull();
          // The cookiecutter engine is cookiecutter: it must render every fixture cookiecutter renders.
          if (engine === 'cookiecutter') expect(result.outcome, result.detail).toBe('identical');
        }
      });
    }
  });
}
