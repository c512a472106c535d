import type {
  Architecture,
  CodeSlots,
  FounderAnalysis,
  MarketLandscape,
  MarketPersonas,
  MarketPricing,
  MarketResearch,
  MarketSizing,
  MvpSpecInput,
  StartupConfig,
} from '@startup-factory/contracts';
import { deriveProfile } from './derived-profile';
import { clip, listed, pluralOf } from './english-copy';
import { parseFields } from './field-syntax';
import { type IndustryProfile, matchProfile } from './industry-catalogue';

/** Deterministic small integer from text (FNV-1a), so the same config always drafts the same numbers. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Derived profiles by the words they were read from; reading an idea takes a few milliseconds. */
const derived = new Map<string, IndustryProfile>();
const DERIVED_KEPT = 200;

/**
 * The catalogue profile that fits the config, or one derived from the idea's own words (marked
 * `genericDraft`) when none does. The same config always gives the same profile.
 */
export function industryProfile(config: StartupConfig): IndustryProfile {
  const matched = matchProfile(config);
  if (matched) return matched;
  const key = JSON.stringify([config.name, config.industry, config.category, config.description]);
  let profile = derived.get(key);
  if (!profile) {
    profile = deriveProfile(config);
    if (derived.size >= DERIVED_KEPT) derived.delete(derived.keys().next().value as string);
    derived.set(key, profile);
  }
  return profile;
}

/** The generic-draft sentence appended to a text, and the `genericDraft` field, when the profile is derived. */
const withNote = (text: string, profile: IndustryProfile) =>
  profile.genericDraft ? `${text} ${profile.genericDraft}` : text;
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const noteField = (profile: IndustryProfile) =>
  profile.genericDraft ? { genericDraft: profile.genericDraft } : {};

export function draftFounderAnalysis(config: StartupConfig): FounderAnalysis {
  const profile = industryProfile(config);
  const f = config.founderProfile;
  const skills = f.skills.length > 0 ? f.skills : ['generalist execution'];
  const years = f.experienceYears;
  const strengths = [
    ...skills.slice(0, 4).map((s) => `Hands-on ${s} skills applied to ${config.industry}`),
    ...(years !== undefined && years >= 5 ? [`${years} years of experience shorten the learning curve`] : []),
  ];
  const gaps = [
    ...(skills.some((s) => /sales|marketing|growth/i.test(s)) ? [] : ['No listed sales or marketing skills']),
    ...(skills.some((s) => /engineer|develop|code|software|tech/i.test(s))
      ? []
      : ['No listed engineering skills']),
    ...(years === undefined ? ['Experience level not stated'] : []),
  ];
  return {
    summary: clip(
      withNote(
        `${f.name ?? 'The founder'} is building ${config.name}, a ${config.category} product for ${config.industry}. ${
          f.background ? `Background: ${f.background}. ` : ''
        }The first users are likely ${pluralOf(profile.personas[0]?.name.toLowerCase() ?? 'small team')}.`,
        profile,
      ),
      4000,
    ),
    strengths,
    gaps,
    recommendations: [
      `Interview ten ${pluralOf(profile.personas[0]?.name.toLowerCase() ?? 'target user')} before building beyond the MVP`,
      gaps.length > 0
        ? `Find a co-founder or advisor to cover: ${gaps[0]?.toLowerCase()}`
        : 'Recruit a first design partner',
      `Launch with one core workflow: ${profile.features[0]?.toLowerCase() ?? 'the main job to be done'}`,
    ],
    draftedOffline: true,
    ...noteField(profile),
  };
}

export function draftLandscape(config: StartupConfig): MarketLandscape {
  const parts = marketParts(config);
  return {
    summary: summarizeMarket(config, parts),
    competitors: parts.competitors,
    ...offlineMarks(config),
  };
}

export function draftMarketSize(config: StartupConfig): MarketSizing {
  return { marketSize: marketSizeOf(config), ...offlineMarks(config) };
}

export function draftPersonas(config: StartupConfig): MarketPersonas {
  return { personas: personasOf(config), ...offlineMarks(config) };
}

export function draftPricing(config: StartupConfig): MarketPricing {
  return { pricing: pricingOf(config), ...offlineMarks(config) };
}

export function draftMarketResearch(config: StartupConfig): MarketResearch {
  const parts = marketParts(config);
  return { summary: summarizeMarket(config, parts), ...parts, ...offlineMarks(config) };
}

/** What every offline draft says of itself: drafted offline, and generic when no catalogue profile fit. */
function offlineMarks(config: StartupConfig): { draftedOffline: true; genericDraft?: string } {
  return { draftedOffline: true, ...noteField(industryProfile(config)) };
}

type MarketSections = Pick<MarketResearch, 'competitors' | 'marketSize' | 'personas' | 'pricing'>;

function marketParts(config: StartupConfig): MarketSections {
  return {
    competitors: industryProfile(config).competitors.map((c) => ({ ...c })),
    marketSize: marketSizeOf(config),
    personas: personasOf(config),
    pricing: pricingOf(config),
  };
}

function marketSizeOf(config: StartupConfig): MarketResearch['marketSize'] {
  const profile = industryProfile(config);
  const sam = Math.round(profile.tamUsd * (0.08 + (hash(config.name) % 5) / 100));
  const som = Math.round(sam * 0.02);
  return {
    tamUsd: profile.tamUsd,
    samUsd: sam,
    somUsd: som,
    rationale: profile.genericDraft
      ? `Placeholder figures: the catalogue has no market data for ${clip(config.industry, 80)}. Replace them with a bottom-up estimate: how many ${pluralOf(profile.personas[0]?.name.toLowerCase() ?? 'customer')} there are, times what one would pay a year. ${profile.genericDraft}`
      : `Top-down estimate for ${config.industry}: serviceable share of the ${profile.key} software market reachable by a ${config.category} product, and a 2% capture of it within three years.`,
  };
}

function personasOf(config: StartupConfig): MarketResearch['personas'] {
  return industryProfile(config).personas.map((p) => ({ ...p, painPoints: [...p.painPoints] }));
}

function pricingOf(config: StartupConfig): MarketResearch['pricing'] {
  const profile = industryProfile(config);
  const base = profile.basePriceUsd + (hash(config.name) % 3) * 5;
  return [
    { tier: 'Starter', priceUsdMonthly: 0, features: profile.features.slice(0, 1) },
    { tier: 'Pro', priceUsdMonthly: base, features: profile.features.slice(0, 3) },
    { tier: 'Team', priceUsdMonthly: base * 3, features: [...profile.features] },
  ];
}

/** The market summary, from the sections the offline drafter knows all at once. */
function summarizeMarket(config: StartupConfig, parts: MarketSections): string {
  const sam = Math.round(parts.marketSize.samUsd / 1_000_000);
  return clip(
    withNote(
      `${config.name} targets ${listed(parts.personas.map((p) => pluralOf(p.name.toLowerCase())))} in ${config.industry}. ` +
        `Serviceable market about $${sam}M. Main alternatives: ${parts.competitors.map((c) => c.name).join(', ')}. ` +
        `Pricing from ${parts.pricing.map((p) => `$${p.priceUsdMonthly}`).join(' / ')} per month.`,
      industryProfile(config),
    ),
    4000,
  );
}

export function draftMvpSpec(config: StartupConfig): MvpSpecInput {
  const profile = industryProfile(config);
  const entities = profile.entities.map((e) => ({
    name: e.name,
    description: e.description,
    fields: parseFields(e.fields),
  }));
  const persona = profile.personas[0]?.name.toLowerCase() ?? 'user';
  const slug = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const words = (name: string) => slug(name).replace(/-/g, ' ');
  const many = (name: string) => profile.pluralLabels?.[name] ?? pluralOf(words(name));
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const withArticle = (name: string) => `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${words(name)}`;
  const references = entities.flatMap((e) =>
    e.fields.flatMap((f) => (f.references ? [{ child: e.name, parent: f.references }] : [])),
  );
  const tagline = profile.genericDraft
    ? // The spec has no field for the mark, so the line right under its title says it.
      `${clip(listed(entities.map((e) => many(e.name))), 80)} for ${clip(pluralOf(persona), 40)} (${lowerFirst(profile.genericDraft.split(';')[0] ?? '')})`
    : `${profile.features[0] ?? 'Work'} for ${config.industry}, without the busywork`;
  return {
    name: clip(config.name, 120),
    tagline: clip(capital(tagline), 200),
    problem: clip(config.description || profile.problem, 2000),
    solution: clip(
      `${config.name} gives ${pluralOf(persona)} one place for ${listed(profile.features.map((f) => f.toLowerCase()))}.`,
      2000,
    ),
    entities,
    userStories: [
      ...entities.flatMap((e) => [
        {
          asA: persona,
          iWant: `to record ${withArticle(e.name)}`,
          soThat: `I can keep track of every ${words(e.name)}`,
          entity: e.name,
        },
        {
          asA: persona,
          iWant: `to see all ${many(e.name)} at a glance`,
          soThat: 'nothing slips through the cracks',
          entity: e.name,
        },
      ]),
      ...references.map(({ child, parent }) => ({
        asA: persona,
        iWant: `to see ${withArticle(parent)}'s ${many(child)} in one place`,
        soThat: `I know the whole history of each ${words(parent)}`,
        entity: parent,
      })),
    ].slice(0, 50),
    pages: [
      { path: '/', title: config.name, kind: 'landing' },
      { path: '/dashboard', title: 'Dashboard', kind: 'dashboard' },
      ...entities.flatMap((e) => [
        {
          path: `/${pluralOf(slug(e.name))}`,
          title: capital(many(e.name)),
          kind: 'list' as const,
          entity: e.name,
        },
        {
          path: `/${pluralOf(slug(e.name))}/new`,
          title: `New ${words(e.name)}`,
          kind: 'form' as const,
          entity: e.name,
        },
      ]),
    ],
    draftedOffline: true,
    ...noteField(profile),
  };
}

export function draftArchitecture(config: StartupConfig): Architecture {
  const profile = industryProfile(config);
  const web =
    config.template === 'vuenuxt'
      ? 'Nuxt (Vue)'
      : config.template === 'fluttermobile'
        ? 'Flutter'
        : 'Next.js (React)';
  return {
    summary: withNote(
      `A single web application with a relational database for ${config.name}; ${profile.entities.length} core entities.`,
      profile,
    ),
    components: [
      { name: 'Web app', responsibility: 'Pages, forms and dashboard', technology: web },
      {
        name: 'API',
        responsibility: `CRUD for ${profile.entities.map((e) => e.name).join(', ')}`,
        technology: 'REST routes in the same app',
      },
      { name: 'Database', responsibility: 'Durable records', technology: 'PostgreSQL' },
      { name: 'Background jobs', responsibility: 'Reminders and notifications', technology: 'Queue worker' },
    ],
    dataFlow:
      'Browser -> API route -> validated input -> database; background jobs read due items and send notifications.',
    deployment: 'One container behind a reverse proxy with a health check; blue/green redeploys.',
    risks: [
      'Data privacy of customer records',
      `Adoption by ${pluralOf(profile.personas[0]?.name.toLowerCase() ?? 'user')} used to manual tools`,
    ],
    draftedOffline: true,
    ...noteField(profile),
  };
}

/**
 * Landing copy that names only what the generated app does: keep its entities, connect them,
 * find them, see them on a dashboard. No feature it lacks, no price it does not charge.
 */
export function draftCodeSlots(config: StartupConfig): CodeSlots {
  const profile = industryProfile(config);
  const things = profile.entities.map(
    (e) =>
      profile.pluralLabels?.[e.name] ?? pluralOf(e.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()),
  );
  return {
    headline: clip(`${config.name}: ${listed(things)} in one place`, 120),
    tagline: clip(`The ${config.category} tool for ${config.industry}`, 200),
    heroCopy: clip(
      `${profile.problem} ${config.name} keeps ${listed(things)} in one place: add and update every record, search and sort long lists, follow how records connect, and see the latest on one dashboard.`,
      1000,
    ),
    features: profile.entities.slice(0, 8).map((e, i) => ({
      title: clip(things[i] ? things[i].charAt(0).toUpperCase() + things[i].slice(1) : e.name, 80),
      description: clip(e.description, 300),
    })),
    callToAction: 'Open the dashboard',
    entityDescriptions: Object.fromEntries(profile.entities.map((e) => [e.name, clip(e.description, 300)])),
    draftedOffline: true,
    ...noteField(profile),
  };
}
