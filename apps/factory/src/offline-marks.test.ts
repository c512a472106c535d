import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MarketResearch, MvpSpec } from '@startup-factory/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { embeddedFactoryForFile } from '../test/embedded-factory';
import { startupDetails } from './cli/output';
import type { Factory } from './factory';

describe('offline drafts of an idea outside the catalogue', () => {
  const embedded = embeddedFactoryForFile('generic');
  let factory: Factory;
  beforeAll(() => {
    factory = embedded.factory();
  });

  it('say they are generic in the merged market research, the MVP spec and the summary line', {
    timeout: scaled(120_000),
  }, async () => {
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
  });
});
