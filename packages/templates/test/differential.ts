import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FactoryError } from '@startup-factory/contracts';
import { factoryValues } from '../src/render/template-context';
import { type RenderEngine, type RenderEngineName, TemplateManager } from '../src/template-manager';
import { materialize, readCase, runCookiecutter, snapshot, treeDifferences } from './cookiecutter';
import { allocation, config, SHIPPED_TEMPLATES } from './fixtures';

const here = dirname(fileURLToPath(import.meta.url));
export const COOKIECUTTER_FIXTURES = join(here, '..', 'src', '__fixtures__', 'cookiecutter');

/** Every differential case: the fixtures written for it, then the shipped templates. */
export async function differentialCases(): Promise<{ name: string; source: string }[]> {
  const fixtures = (await readdir(COOKIECUTTER_FIXTURES)).sort();
  return [
    ...fixtures.map((n) => ({ name: n, source: join(COOKIECUTTER_FIXTURES, n) })),
    ...['reactnext', 'vuenuxt', 'fluttermobile'].map((n) => ({
      name: n,
      source: join(SHIPPED_TEMPLATES, n),
    })),
  ];
}

const CONFIG = config({ name: 'Diff Check', description: 'Checks <that> "output" & matches.' });
const ALLOCATION = allocation(3917);
const SLUG = 'diff-check';

export type Outcome = 'identical' | 'refused' | 'different';

/**
 * Renders `source` with real cookiecutter and with TemplateManager and compares the output folders
 * byte by byte (contents, modes, empty folders). A refusal must be a typed error with nothing written.
 */
export async function compareWithCookiecutter(
  engine: RenderEngineName | RenderEngine,
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
    const plain = Object.fromEntries(
      Object.entries(values).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
    ) as Record<string, string | number>;
    const cookiecutterError = await runCookiecutter(
      join(templatesDir, name),
      join(root, 'cc'),
      plain,
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
      if (!FactoryError.isInstance(refusal)) {
        return { outcome: 'different', detail: `untyped error: ${String(refusal)}`, cookiecutterError };
      }
      if (written.length > 0) {
        const paths = written.map((e) => e.path).join(', ');
        return { outcome: 'different', detail: `refused but wrote ${paths}`, cookiecutterError };
      }
      return { outcome: 'refused', detail: refusal.message, cookiecutterError };
    }
    if (cookiecutterError) {
      const detail = `cookiecutter failed (${cookiecutterError}) but TemplateManager rendered`;
      return { outcome: 'different', detail, cookiecutterError };
    }
    const problems = treeDifferences(await snapshot(join(root, 'cc')), written);
    return problems.length === 0
      ? { outcome: 'identical', detail: '', cookiecutterError }
      : { outcome: 'different', detail: problems.slice(0, 8).join('; '), cookiecutterError };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Collects outcomes per case and prints the counts once a suite is done. */
export function tally(label: string, total: number) {
  const seen: Record<Outcome, string[]> = { identical: [], refused: [], different: [] };
  return {
    add(name: string, outcome: Outcome, detail: string) {
      seen[outcome].push(outcome === 'identical' ? name : `${name} (${detail.slice(0, 240)})`);
    },
    print() {
      console.log(
        `[cookiecutter differential, ${label}] identical ${seen.identical.length}, refused ${seen.refused.length}, different ${seen.different.length} of ${total}` +
          (seen.refused.length ? `\n  refused: ${seen.refused.join('\n           ')}` : '') +
          (seen.different.length ? `\n  different: ${seen.different.join('\n             ')}` : ''),
      );
    },
  };
}
