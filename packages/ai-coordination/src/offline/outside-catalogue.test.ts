import {
  type CodeSlots,
  type FounderAnalysis,
  type MarketResearch,
  MvpSpec,
  OUTPUT_SCHEMAS,
  type OutputSchemaName,
  StartupConfig,
} from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { OUTSIDE_CATALOGUE_IDEAS } from './__fixtures__/outside-catalogue-ideas';
import { deriveProfile } from './derived-profile';
import { matchProfile, profileFor } from './industry-catalogue';
import { industryProfile } from './offline-drafts';
import { draftOffline } from './offline-provider';
import { stemsOf } from './word-stems';

const configOf = ({ entities: _expected, ...idea }: (typeof OUTSIDE_CATALOGUE_IDEAS)[number]) =>
  StartupConfig.parse(idea);
const specOf = (config: StartupConfig) => MvpSpec.parse(draftOffline('mvp_spec', config));
const KINDS = Object.keys(OUTPUT_SCHEMAS) as OutputSchemaName[];

/** Every artifact of a config as text, one line per JSON leaf, for comparing two startups' documents. */
function documentLines(config: StartupConfig): string[] {
  return KINDS.flatMap((kind) => JSON.stringify(draftOffline(kind, config), null, 1).split('\n'));
}

describe('matching the catalogue on word stems', () => {
  it.each([
    ['Dental clinics', 'healthcare'],
    ['Veterinary clinics', 'veterinary'],
    ['Pet clinics', 'veterinary'],
    ['Sports coaching', 'fitness'],
    ['Real estate rentals', 'real_estate'],
  ])('maps "%s" to %s', (industry, key) => {
    expect(profileFor(industry).key).toBe(key);
  });

  it('takes a dental clinic booking idea to healthcare, also when only the description says it', () => {
    expect(
      industryProfile(StartupConfig.parse({ name: 'Smile', industry: 'Dental', category: 'SaaS' })).key,
    ).toBe('healthcare');
    const bySoftware = StartupConfig.parse({
      name: 'Smile',
      industry: 'Software',
      category: 'SaaS',
      description: 'Dental clinics booking',
    });
    expect(industryProfile(bySoftware).key).toBe('healthcare');
  });

  it('weighs the industry field above incidental words of the description', () => {
    expect(
      matchProfile({
        industry: 'Logistics',
        description: 'Couriers carry samples between clinics for patients',
      })?.key,
    ).toBe('logistics');
    // One catalogue word in a description ("delivery", "gyms", "jobs") is not enough.
    expect(matchProfile({ industry: 'Wedding photography', description: 'Album delivery for couples' })).toBe(
      undefined,
    );
    expect(matchProfile({ industry: 'Climbing', description: 'Track routes, gyms and ascents' })).toBe(
      undefined,
    );
    // Two distinct ones are.
    expect(
      matchProfile({ industry: 'Software', description: 'Shipping and delivery for small shops' })?.key,
    ).toBe('logistics');
  });
});

describe('drafting an idea outside the catalogue', () => {
  it('drafts couples, shoots and albums for a wedding photographer CRM, not a courier app', () => {
    const config = configOf(OUTSIDE_CATALOGUE_IDEAS[0] as (typeof OUTSIDE_CATALOGUE_IDEAS)[number]);
    const spec = specOf(config);
    expect(spec.entities.map((e) => e.name)).toEqual(['Couple', 'Shoot', 'Album']);
    const field = (entity: string, name: string) =>
      spec.entities.find((e) => e.name === entity)?.fields.find((f) => f.name === name);
    expect(field('Couple', 'name')).toMatchObject({ type: 'string', maxLength: 120 });
    expect(field('Couple', 'email')).toMatchObject({ type: 'email', required: false });
    expect(field('Shoot', 'couple')).toMatchObject({ type: 'reference', references: 'Couple' });
    expect(field('Shoot', 'scheduledAt')).toMatchObject({ type: 'datetime' });
    expect(field('Shoot', 'status')?.enumValues).toContain('done');
    expect(field('Album', 'shoot')).toMatchObject({ type: 'reference', references: 'Shoot' });
    expect(field('Album', 'deliveryDate')).toMatchObject({ type: 'date' });
    expect(spec.tagline).toContain('generic draft: no catalogue profile matched "Wedding photography"');

    const slots = draftOffline('code_slots', config) as CodeSlots;
    expect(slots.headline).toBe('Snapwed: couples, shoots and albums in one place');
    const research = draftOffline('market_research', config) as MarketResearch;
    expect(research.personas[0]?.name).toBe('Wedding photographer');
    expect(research.competitors.map((c) => c.name)).toContain('General-purpose CRMs');
    expect(research.summary).toContain('Generic draft');
    expect(research.marketSize.rationale).toMatch(/^Placeholder figures/);
    const founder = draftOffline('founder_analysis', config) as FounderAnalysis;
    expect(founder.genericDraft).toBe(
      `Generic draft: no catalogue profile matched "Wedding photography"; the records and copy come from the description's own words.`,
    );
    expect(founder.summary).toContain('wedding photographers');
  });

  it('makes what a phrase says belongs to something a required reference that cascades', () => {
    const spec = specOf(
      StartupConfig.parse({
        name: 'Albumly',
        industry: 'Photography',
        category: 'SaaS',
        description: 'Track shoots and the albums of a shoot for photographers.',
      }),
    );
    expect(spec.entities.map((e) => e.name)).toEqual(['Shoot', 'Album']);
    expect(spec.entities[1]?.fields[0]).toMatchObject({
      name: 'shoot',
      references: 'Shoot',
      required: true,
      onDelete: 'cascade',
    });
  });

  it('renames a record whose name is reserved', () => {
    const pottery = OUTSIDE_CATALOGUE_IDEAS.find((i) => i.name === 'Kilnworks');
    const names = specOf(configOf(pottery as (typeof OUTSIDE_CATALOGUE_IDEAS)[number])).entities.map(
      (e) => e.name,
    );
    expect(names).toContain('PotteryClass');
    expect(names).not.toContain('Class');
  });

  it('falls back to the general draft, saying why, when the words name no records', () => {
    const config = StartupConfig.parse({ name: 'Acme', industry: 'Software', category: 'SaaS' });
    const profile = industryProfile(config);
    expect(profile.entities.map((e) => e.name)).toEqual(['Account', 'Project', 'WorkItem', 'Comment']);
    expect(profile.genericDraft).toContain('names no records');
  });

  it('drafts the same output for the same config', () => {
    for (const idea of OUTSIDE_CATALOGUE_IDEAS.slice(0, 5)) {
      const config = configOf(idea);
      expect(deriveProfile(config)).toEqual(deriveProfile(config));
      expect(documentLines(config)).toEqual(
        documentLines(StartupConfig.parse(JSON.parse(JSON.stringify(config)))),
      );
    }
  });
});

describe(`a corpus of ${OUTSIDE_CATALOGUE_IDEAS.length} ideas outside the catalogue`, () => {
  it('holds at least 30 ideas', () => {
    expect(OUTSIDE_CATALOGUE_IDEAS.length).toBeGreaterThanOrEqual(30);
  });

  for (const idea of OUTSIDE_CATALOGUE_IDEAS) {
    it(`drafts "${idea.description}" from its own words`, () => {
      const config = configOf(idea);
      const profile = industryProfile(config);
      expect(profile.genericDraft, 'no catalogue profile should match').toBeDefined();

      const parsed = MvpSpec.safeParse(draftOffline('mvp_spec', config));
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
      const spec = parsed.data as MvpSpec;
      const names = spec.entities.map((e) => e.name);
      const ideaStems = new Set(stemsOf(`${idea.industry} ${idea.category} ${idea.description}`));
      for (const name of names) {
        const words = stemsOf(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
        expect(
          words.every((w) => ideaStems.has(w)),
          `${name} uses words of "${idea.description}"`,
        ).toBe(true);
      }
      if (idea.entities) expect(names).toEqual(expect.arrayContaining(idea.entities));
      expect(names.length).toBeGreaterThanOrEqual(2);

      const references = spec.entities.flatMap((e, index) =>
        e.fields.filter((f) => f.type === 'reference').map((f) => ({ index, target: f.references ?? '' })),
      );
      expect(references.length, 'at least one reference').toBeGreaterThan(0);
      for (const { index, target } of references) {
        expect(names.indexOf(target), `${names[index]} comes after ${target}`).toBeLessThan(index);
      }
      for (const entity of spec.entities) {
        const types = entity.fields.map((f) => f.type);
        expect(types, `${entity.name} has a status`).toContain('enum');
        expect(entity.fields.some((f) => ['name', 'fullName', 'title'].includes(f.name))).toBe(true);
      }
      expect(
        spec.entities.some((e) => e.fields.some((f) => f.type === 'date' || f.type === 'datetime')),
      ).toBe(true);

      for (const kind of KINDS) {
        const value = draftOffline(kind, config) as { draftedOffline?: boolean; genericDraft?: string };
        const result = OUTPUT_SCHEMAS[kind].safeParse(value);
        expect(result.success, `${kind}: ${result.success ? '' : result.error.message}`).toBe(true);
        expect(value.draftedOffline).toBe(true);
        expect(value.genericDraft, kind).toBe(profile.genericDraft);
      }
      // The copy speaks of the idea's records, not of accounts and work items.
      const slots = draftOffline('code_slots', config) as CodeSlots;
      const headline = new Set(stemsOf(slots.headline));
      expect(
        names.some((n) => stemsOf(n.replace(/([a-z0-9])([A-Z])/g, '$1 $2')).every((w) => headline.has(w))),
      ).toBe(true);
    });
  }

  it('drafts documents that differ in more than the name for two ideas under swapped names', () => {
    for (let i = 0; i + 1 < OUTSIDE_CATALOGUE_IDEAS.length; i += 2) {
      const a = configOf(OUTSIDE_CATALOGUE_IDEAS[i] as (typeof OUTSIDE_CATALOGUE_IDEAS)[number]);
      const b = configOf(OUTSIDE_CATALOGUE_IDEAS[i + 1] as (typeof OUTSIDE_CATALOGUE_IDEAS)[number]);
      // b's idea under a's name against a's own draft: only the ideas differ.
      const swapped = StartupConfig.parse({ ...b, name: a.name });
      const left = documentLines(a);
      const right = new Set(documentLines(swapped));
      const differing = left.filter((line) => !right.has(line));
      expect(differing.length, `${a.name} vs ${b.name}`).toBeGreaterThan(20);
      expect(specOf(a).entities.map((e) => e.name)).not.toEqual(specOf(swapped).entities.map((e) => e.name));
    }
  });
});
