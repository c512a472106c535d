import { MvpSpec, OUTPUT_SCHEMAS, type OutputSchemaName } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { contextFor } from '../../test/fixtures';
import { jsonSchemaForName } from '../structured/schema-registry';
import { INDUSTRY_CATALOGUE } from './industry-catalogue';
import { OfflineProvider } from './offline-provider';

const industries = [
  'Healthcare',
  'Fintech',
  'Education',
  'E-commerce',
  'Logistics',
  'Real Estate',
  'Food',
  'Fitness',
  'HR',
  'Underwater basket weaving',
];
const provider = new OfflineProvider();

async function draft(kind: OutputSchemaName, industry: string, description?: string) {
  const response = await provider.complete({
    taskType: kind,
    messages: [{ role: 'user', content: `Produce the ${kind}` }],
    jsonSchema: jsonSchemaForName(kind),
    context: contextFor('s1', {
      industry,
      name: `${industry} Co`,
      ...(description !== undefined ? { description } : {}),
    }),
  });
  return { response, value: JSON.parse(response.text) };
}

describe('OfflineProvider', () => {
  it('ships at least 8 industries', () => {
    expect(INDUSTRY_CATALOGUE.length).toBeGreaterThanOrEqual(8);
  });

  for (const industry of industries) {
    it(`drafts every pipeline artifact for ${industry} and each satisfies its schema`, async () => {
      for (const kind of Object.keys(OUTPUT_SCHEMAS) as OutputSchemaName[]) {
        const { value } = await draft(kind, industry);
        const parsed = OUTPUT_SCHEMAS[kind].safeParse(value);
        expect(parsed.success, `${kind}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
        expect(value.draftedOffline).toBe(true);
      }
    });
  }

  it('drafts an MVP spec with at least 3 typed entities, user stories and pages', async () => {
    const spec = MvpSpec.parse((await draft('mvp_spec', 'Healthcare')).value);
    expect(spec.entities.length).toBeGreaterThanOrEqual(3);
    expect(spec.entities.every((e) => e.fields.length > 0)).toBe(true);
    expect(new Set(spec.entities.flatMap((e) => e.fields.map((f) => f.type))).size).toBeGreaterThan(3);
    expect(spec.userStories.length).toBeGreaterThan(0);
    expect(spec.pages.some((p) => p.kind === 'list')).toBe(true);
    expect(spec.entities.map((e) => e.name)).toContain('Patient');
  });

  it('is deterministic for the same input and differs by industry', async () => {
    const a = await draft('market_research', 'Fintech');
    const b = await draft('market_research', 'Fintech');
    const c = await draft('market_research', 'Fitness');
    expect(a.response).toEqual(b.response);
    expect(a.value.competitors).not.toEqual(c.value.competitors);
  });

  it('falls back to a generic profile for an unknown industry', async () => {
    const spec = MvpSpec.parse(
      (await draft('mvp_spec', 'Underwater basket weaving', 'A new kind of craft.')).value,
    );
    expect(spec.entities.map((e) => e.name)).toContain('Project');
  });

  it('needs no network and reports token estimates at zero cost model', async () => {
    const { response } = await draft('architecture', 'Education');
    expect(response.model).toBe('offline-drafter-1');
    expect(response.outputTokens).toBeGreaterThan(0);
  });
});
