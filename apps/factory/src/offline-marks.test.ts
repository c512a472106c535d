import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MarketResearch, MvpSpec } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupDetails } from './cli/output';
import { createFactory } from './create-factory';
import type { Factory } from './factory';

describe('offline drafts of an idea outside the catalogue', () => {
  const dataDir = join(tmpdir(), `sf-generic-${process.pid}`);
  let factory: Factory;
  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_400, end: 23_499 } },
      { env: {} },
    );
  }, 60_000);
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('say they are generic in the merged market research, the MVP spec and the summary line', async () => {
    const created = await factory.create({
      name: 'Hive Ledger',
      industry: 'Beekeeping',
      category: 'B2B SaaS',
      description: 'Apiarists log hive inspections, queen replacements and honey harvests for each apiary.',
    });
    const done = await factory.waitFor(created.id);
    expect(done.status).toBe('completed');
    expect(done.genericDraft).toMatch(/^Generic draft: no catalogue profile matched "Beekeeping"/);
    const research = MarketResearch.parse(await factory.parts.pipeline.outputOf(done.id, 'market_research'));
    expect(research.genericDraft).toBe(done.genericDraft);
    const spec = MvpSpec.parse(JSON.parse(readFileSync(join(done.folder, 'mvp-spec.json'), 'utf8')));
    expect(spec.genericDraft).toBe(done.genericDraft);
    const lines = startupDetails(done).split('\n');
    const ai = lines.findIndex((l) => l.includes('ai:        drafted offline'));
    expect(lines[ai]).toContain('market_research');
    expect(lines[ai + 1]?.trim()).toBe(done.genericDraft);
  }, 120_000);
});
