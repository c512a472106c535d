import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFactoryError } from '@startup-factory/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cookiecutterMissing,
  materialize,
  readCase,
  runCookiecutter,
  snapshot,
  treeDifferences,
} from '../test/cookiecutter';
import { allocation, config, SHIPPED_TEMPLATES } from '../test/fixtures';
import { factoryValues } from './render/template-context';
import { type RenderEngineName, TemplateManager } from './template-manager';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '__fixtures__', 'cookiecutter');
const fixtureNames = (await readdir(FIXTURES)).sort();
const SHIPPED = ['reactnext', 'vuenuxt', 'fluttermobile'];

const CONFIG = config({ name: 'Diff Check', description: 'Checks <that> "output" & matches.' });
const ALLOCATION = allocation(3917);
const SLUG = 'diff-check';

type Outcome = 'identical' | 'refused' | 'different';

/**
 * Renders `source` with real cookiecutter and with TemplateManager and compares the output folders
 * byte by byte (contents, modes, empty folders). A refusal must be a typed error with nothing written.
 */
async function compare(
  engine: RenderEngineName,
  name: string,
  source: string,
): Promise<{ outcome: Outcome; detail: string; cookiecutterError: string | null }> {
  const root = await mkdtemp(join(tmpdir(), `sf-diff-${name}-`));
  try {
    const diffCase = await readCase(source);
    const templatesDir = join(root, 'templates');
    await materialize(source, join(templatesDir, name), diffCase.setup);
    const extra = diffCase.extra ?? {};
    // The factory's own values reach cookiecutter as extra context too (it ignores unknown keys).
    const values = { ...factoryValues(CONFIG, ALLOCATION, SLUG), ...extra };
    const plainValues = Object.fromEntries(
      Object.entries(values).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
    ) as Record<string, string | number>;
    const cookiecutterError = await runCookiecutter(
      join(templatesDir, name),
      join(root, 'cc'),
      plainValues,
      join(root, 'home'),
    );
    const manager = new TemplateManager({ templatesDir, outputDir: join(root, 'tm'), engine });
    let refusal: unknown = null;
    try {
      await manager.createFromTemplate(name, CONFIG, ALLOCATION, {
        projectSlug: SLUG,
        extraContext: extra,
        generate: false,
      });
    } catch (error) {
      refusal = error;
    }
    const written = await snapshot(join(root, 'tm'));
    if (refusal) {
      if (!isFactoryError(refusal)) return { outcome: 'different', detail: `untyped error: ${refusal}`, cookiecutterError };
      if (written.length > 0)
        return { outcome: 'different', detail: `refused but wrote ${written.map((e) => e.path).join(', ')}`, cookiecutterError };
      return { outcome: 'refused', detail: (refusal as Error).message, cookiecutterError };
    }
    if (cookiecutterError) return { outcome: 'different', detail: `cookiecutter failed (${cookiecutterError}) but TemplateManager rendered`, cookiecutterError };
    const problems = treeDifferences(await snapshot(join(root, 'cc')), written);
    return problems.length === 0
      ? { outcome: 'identical', detail: '', cookiecutterError }
      : { outcome: 'different', detail: problems.slice(0, 8).join('; '), cookiecutterError };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const missing = await cookiecutterMissing();

for (const engine of ['cookiecutter', 'builtin'] as const) {
  describe.skipIf(missing)(`differential: ${engine} engine against real cookiecutter`, () => {
    const tally: Record<Outcome, string[]> = { identical: [], refused: [], different: [] };
    afterAll(() => {
      console.log(
        `[cookiecutter differential, ${engine} engine] identical ${tally.identical.length}, refused ${tally.refused.length}, different ${tally.different.length} of ${fixtureNames.length + SHIPPED.length}` +
          (tally.refused.length ? `\n  refused: ${tally.refused.join(', ')}` : '') +
          (tally.different.length ? `\n  different: ${tally.different.join(', ')}` : ''),
      );
    });

    const cases = [
      ...fixtureNames.map((n) => ({ name: n, source: join(FIXTURES, n) })),
      ...SHIPPED.map((n) => ({ name: n, source: join(SHIPPED_TEMPLATES, n) })),
    ];
    for (const { name, source } of cases) {
      it(`${name}: identical to cookiecutter or refused before writing`, { timeout: 180_000 }, async () => {
        const result = await compare(engine, name, source);
        tally[result.outcome].push(result.outcome === 'identical' ? name : `${name} (${result.detail.slice(0, 300)})`);
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
