import { MvpSpec, OUTPUT_SCHEMAS, type OutputSchemaName, StartupConfig } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { contextFor } from '../../test/fixtures';
import { jsonSchemaForName } from '../structured/schema-registry';
import { GENERIC_PROFILE, INDUSTRY_CATALOGUE, profileFor } from './industry-catalogue';
import { industryProfile } from './offline-drafts';
import { draftOffline, OfflineProvider } from './offline-provider';

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
  'Veterinary',
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

  for (const profile of [...INDUSTRY_CATALOGUE, GENERIC_PROFILE]) {
    it(`drafts a valid MVP spec with references for the ${profile.key} profile`, () => {
      const config = StartupConfig.parse({
        name: 'Acme',
        // An industry whose words name no records drafts the generic profile.
        industry: profile.keywords[0] ?? 'Software',
        category: 'B2B SaaS',
      });
      expect(industryProfile(config).key).toBe(profile.key);
      const parsed = MvpSpec.safeParse(draftOffline('mvp_spec', config));
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
      const spec = parsed.data as MvpSpec;
      const names = spec.entities.map((e) => e.name);
      const references = spec.entities.flatMap((e, index) =>
        e.fields.filter((f) => f.type === 'reference').map((f) => ({ index, target: f.references ?? '' })),
      );
      expect(references.length).toBeGreaterThan(0);
      for (const { index, target } of references) {
        expect(names).toContain(target);
        expect(names.indexOf(target), `${names[index]} comes after ${target}`).toBeLessThan(index);
      }
      const pageKinds = new Set(spec.pages.map((p) => p.kind));
      expect(pageKinds).toContain('landing');
      expect(pageKinds).toContain('dashboard');
      for (const name of names) {
        expect(
          spec.pages.some((p) => p.kind === 'list' && p.entity === name),
          `list page of ${name}`,
        ).toBe(true);
      }
    });
  }

  it('drafts a veterinary practice with owners, pets, visits and vaccinations', async () => {
    const config = StartupConfig.parse({ name: 'PawBook', industry: 'Veterinary', category: 'B2B SaaS' });
    const spec = MvpSpec.parse(draftOffline('mvp_spec', config));
    expect(spec.entities.map((e) => e.name)).toEqual(['Owner', 'Pet', 'Visit', 'Vaccination']);
    const field = (entity: string, name: string) =>
      spec.entities.find((e) => e.name === entity)?.fields.find((f) => f.name === name);
    expect(field('Pet', 'owner')).toMatchObject({ type: 'reference', references: 'Owner', required: true });
    expect(field('Visit', 'pet')).toMatchObject({ references: 'Pet', onDelete: 'cascade' });
    expect(field('Vaccination', 'pet')).toMatchObject({ references: 'Pet', onDelete: 'cascade' });
    expect(field('Vaccination', 'visit')).toMatchObject({ references: 'Visit', required: false });
    expect(field('Owner', 'fullName')?.maxLength).toBe(120);
    expect(field('Visit', 'feeUsd')?.min).toBe(0);
    expect(spec.pages.map((p) => p.path)).toEqual(
      expect.arrayContaining(['/', '/dashboard', '/owners', '/pets', '/visits', '/vaccinations']),
    );
    const research = draftOffline('market_research', config) as { personas: Array<{ name: string }> };
    expect(research.personas.map((p) => p.name)).toContain('Pet owner');
  });

  it.each(['Veterinary', 'vet', 'animal clinic', 'Veterinary clinic', 'pet care'])(
    'maps "%s" to the veterinary profile',
    (text) => {
      expect(profileFor(text).key).toBe('veterinary');
    },
  );

  it('still maps human clinics to healthcare', () => {
    expect(profileFor('medical clinic').key).toBe('healthcare');
  });

  it('spells list routes as the generators do', () => {
    const config = StartupConfig.parse({ name: 'Lettable', industry: 'Real Estate', category: 'SaaS' });
    const paths = MvpSpec.parse(draftOffline('mvp_spec', config)).pages.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/properties', '/repair-requests', '/rent-payments']));
  });

  it('is deterministic for the same input and differs by industry', async () => {
    const a = await draft('market_research', 'Fintech');
    const b = await draft('market_research', 'Fintech');
    const c = await draft('market_research', 'Fitness');
    expect(a.response).toEqual(b.response);
    expect(a.value.competitors).not.toEqual(c.value.competitors);
  });

  it('drafts an unknown industry from its own words, not from the generic profile', async () => {
    const spec = MvpSpec.parse(
      (await draft('mvp_spec', 'Underwater basket weaving', 'A new kind of craft.')).value,
    );
    expect(spec.entities.map((e) => e.name)).toEqual(['Craft']);
  });

  it('needs no network and reports token estimates at zero cost model', async () => {
    const { response } = await draft('architecture', 'Education');
    expect(response.model).toBe('offline-drafter-1');
    expect(response.outputTokens).toBeGreaterThan(0);
  });
});
