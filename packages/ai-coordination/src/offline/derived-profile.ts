import { EntityName, type StartupConfig } from '@startup-factory/contracts';
import { capitalize, clip, listed, pluralOf, withArticle } from './english-copy';
import { type IdeaReading, type IdeaRecord, readIdea } from './idea-reading';
import { GENERIC_PROFILE } from './industries/generic';
import type { IndustryProfile } from './industry-profile';
import { singularPhrase } from './noun-phrases';
import { recordKind } from './record-kinds';
import { wordsOf } from './word-stems';

interface DraftEntity {
  name: string;
  record: IdeaRecord;
  parents: Array<{ entity: number; stated: boolean }>;
  attributes: string[];
}

const BASE_FIELDS: Record<string, string> = {
  individual:
    'fullName:string(120), email:email?, phone:string(30)?, status:enum(active|inactive), notes:text(2000)?',
  party: 'name:string(120), email:email?, phone:string(30)?, status:enum(active|inactive), notes:text(2000)?',
  event:
    'title:string(120), scheduledAt:datetime, durationMinutes:integer(0..1440)?, location:string(200)?, status:enum(planned|confirmed|done|cancelled), notes:text(2000)?',
  money:
    'title:string(120), amountUsd:number(0..), dueOn:date?, status:enum(draft|sent|paid|cancelled), notes:text(2000)?',
  thing: 'name:string(120), description:text(2000)?, status:enum(draft|active|archived), startedOn:date?',
};

const pascal = (words: string[]) => words.map(capitalize).join('');
const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A valid, unused entity name for a record: `['tattoo', 'session']` -> `TattooSession`; `class` -> `PotteryClass`. */
function entityNameFor(
  record: IdeaRecord,
  prefix: string | undefined,
  taken: Set<string>,
): string | undefined {
  const head = record.words[record.words.length - 1] as string;
  const candidates = [
    pascal(record.words),
    pascal([head]),
    ...(prefix && prefix !== head ? [pascal([prefix, head])] : []),
    pascal([head, 'record']),
  ];
  return candidates.find((name) => EntityName.safeParse(name).success && !taken.has(name.toLowerCase()));
}

/** True when `from` already reaches `to` through parents, so `to` -> `from` would close a cycle. */
function reaches(entities: DraftEntity[], from: number, to: number, seen = new Set<number>()): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return (entities[from]?.parents ?? []).some((p) => reaches(entities, p.entity, to, seen));
}

/** Parents before children, otherwise in the order the idea names them. */
function parentsFirst(entities: DraftEntity[]): number[] {
  const order: number[] = [];
  const visit = (i: number) => {
    if (order.includes(i)) return;
    for (const p of entities[i]?.parents ?? []) visit(p.entity);
    order.push(i);
  };
  for (let i = 0; i < entities.length; i++) visit(i);
  return order;
}

function draftEntities(reading: IdeaReading, prefix: string | undefined): DraftEntity[] {
  const taken = new Set<string>();
  const index = new Map<number, number>();
  const entities: DraftEntity[] = [];
  reading.records.forEach((record, i) => {
    const name = entityNameFor(record, prefix, taken);
    if (!name) return;
    taken.add(name.toLowerCase());
    index.set(i, entities.length);
    entities.push({ name, record, parents: [], attributes: [] });
  });
  for (const { child, parent, stated } of reading.belongings) {
    const c = index.get(child);
    const p = index.get(parent);
    if (c === undefined || p === undefined) continue;
    const entity = entities[c] as DraftEntity;
    if (!stated && entity.parents.length > 0) continue;
    if (reaches(entities, p, c)) continue;
    entity.parents.push({ entity: p, stated });
  }
  for (const { field, record } of reading.attributes) {
    const e = index.get(record);
    if (e !== undefined) entities[e]?.attributes.push(field);
  }
  const order = parentsFirst(entities);
  const position = new Map(order.map((old, i) => [old, i]));
  return order.map((old) => {
    const e = entities[old] as DraftEntity;
    return { ...e, parents: e.parents.map((p) => ({ ...p, entity: position.get(p.entity) as number })) };
  });
}

function fieldsOf(entity: DraftEntity, entities: DraftEntity[]): string {
  const fields = new Map<string, string>();
  for (const { entity: p, stated } of entity.parents) {
    const parent = (entities[p] as DraftEntity).name;
    fields.set(camel(parent), `${camel(parent)}:ref(${parent})${stated ? '!cascade' : '?'}`);
  }
  const { kind, individual } = entity.record;
  const base = BASE_FIELDS[kind === 'person' ? (individual ? 'individual' : 'party') : kind] as string;
  for (const field of [...base.split(', '), ...entity.attributes]) {
    const name = field.slice(0, field.indexOf(':'));
    if (!fields.has(name)) fields.set(name, field);
  }
  return [...fields.values()].join(', ');
}

function describe(entity: DraftEntity, entities: DraftEntity[], audiences: string): string {
  const words = entity.record.words.join(' ');
  const what = {
    person: `${capitalize(withArticle(words))} that ${audiences} work with: name and contact details.`,
    event: `${capitalize(withArticle(words))}: when and where it happens, and its status.`,
    money: `${capitalize(withArticle(words))}: the amount, when it is due and whether it is paid.`,
    thing: `${capitalize(withArticle(words))} that ${audiences} keep track of, with its status.`,
  }[entity.record.kind];
  const belongs = entity.parents.map(({ entity: p, stated }) => {
    const parent = withArticle((entities[p] as DraftEntity).record.words.join(' '));
    return stated ? `It belongs to ${parent}.` : `It can be linked to ${parent}.`;
  });
  return clip([what, ...belongs].join(' '), 300);
}

/** Who the product serves: the idea's own words, else the industry ("Tattoo studios" -> `tattoo studio`). */
function audienceOf(reading: IdeaReading, industry: string): string {
  const phrase = singularPhrase(industry);
  const industryWords = phrase.words.join(' ');
  if (reading.audience) {
    // "Dance studios plan recitals": the tagger may keep only "studios"; the industry names it fully.
    const head = reading.audience.split(' ').pop();
    const audienceWords = reading.audience.split(' ').length;
    if (head === phrase.words[phrase.words.length - 1] && phrase.words.length > audienceWords)
      return industryWords;
    return reading.audience;
  }
  const last = phrase.words[phrase.words.length - 1] ?? '';
  if (phrase.plural || recordKind(last, false) === 'person') return industryWords;
  return `${industryWords} team`;
}

const genericNote = (industry: string, source: string) =>
  `Generic draft: no catalogue profile matched "${clip(industry, 60)}"; ${source}`;

/**
 * The profile the offline drafter writes from when no catalogue entry fits: records, fields and
 * copy drawn from the nouns of the idea's description (else of its industry), marked `genericDraft`.
 * When the words name no records at all, the catalogue's general profile, saying so.
 */
export function deriveProfile(config: StartupConfig): IndustryProfile {
  const exclude = new Set([...wordsOf(config.name), wordsOf(config.name).join('')]);
  let reading = readIdea(config.description, exclude);
  let source = "the records and copy come from the description's own words.";
  if (reading.records.length === 0) {
    reading = {
      ...readIdea(config.industry, exclude),
      ...(reading.audience ? { audience: reading.audience } : {}),
    };
    source = "the records and copy come from the industry's own words.";
  }
  if (reading.records.length === 0) {
    return {
      ...GENERIC_PROFILE,
      genericDraft: genericNote(
        config.industry,
        'the description names no records to keep, so this is a general project-tracking draft.',
      ),
    };
  }
  const audience = audienceOf(reading, config.industry);
  const audiences = pluralOf(audience);
  const industryWords = singularPhrase(config.industry).words;
  const entities = draftEntities(
    reading,
    industryWords.find((w) => w.length > 2),
  );
  const things = entities.map((e) => e.record.plural);
  const main = entities.find((e) => e.record.kind === 'event') ?? entities[0];
  const mainWords = main?.record.words.join(' ') ?? 'record';
  const contact = entities.find((e) => e.record.kind === 'person' && e.record.words.join(' ') !== audience);
  const product = reading.product
    ? reading.product.toUpperCase() === 'CRM'
      ? 'CRM'
      : reading.product
    : undefined;
  const detail = {
    person: 'contact details',
    event: 'dates and status',
    money: 'amounts and status',
    thing: 'status and notes',
  };
  return {
    key: 'generic',
    keywords: [],
    genericDraft: genericNote(config.industry, source),
    problem: `${capitalize(audiences)} keep ${listed(things)} in spreadsheets, inboxes and notebooks, so details slip between them.`,
    entities: entities.map((e) => ({
      name: e.name,
      description: describe(e, entities, audiences),
      fields: fieldsOf(e, entities),
    })),
    personas: [
      {
        name: capitalize(audience),
        description: `${capitalize(withArticle(audience))} who keeps ${listed(things)}${product ? ` and wants a ${product} made for that` : ''}.`,
        painPoints: [
          `${capitalize(listed(things))} scattered across spreadsheets, inboxes and notebooks`,
          `No quick way to see where each ${mainWords} stands`,
        ],
      },
      contact
        ? {
            name: capitalize(contact.record.words.join(' ')),
            description: `One of the ${contact.record.plural} that ${audiences} work with.`,
            painPoints: [
              `Not knowing where their ${mainWords} stands`,
              'Details passed on by phone and email get lost',
            ],
          }
        : {
            name: 'Team member',
            description: `Works alongside ${withArticle(audience)} on ${listed(things)}.`,
            painPoints: ['Unclear who changed what', `Chasing the latest on each ${mainWords}`],
          },
    ],
    competitors: [
      {
        name: 'Spreadsheets',
        description: `Where most ${audiences} keep ${listed(things)} today.`,
        weakness: `No links between ${listed(things)}, no history, no reminders`,
      },
      {
        name: product ? `General-purpose ${pluralOf(product)}` : 'General-purpose project tools',
        description: 'Broad tools made for every trade.',
        weakness: `Not shaped around ${listed(things)}`,
      },
      {
        name: 'Email and chat',
        description: `How ${audiences} pass on news about each ${mainWords}.`,
        weakness: 'Details scattered across threads',
      },
    ],
    pluralLabels: Object.fromEntries(entities.map((e) => [e.name, e.record.plural])),
    tamUsd: GENERIC_PROFILE.tamUsd,
    basePriceUsd: GENERIC_PROFILE.basePriceUsd,
    // The first feature is the workflow to launch with: the main event, else the first record.
    features: [
      ...[...entities]
        .sort((a, b) => Number(b === main) - Number(a === main))
        .slice(0, 4)
        .map((e) => `${capitalize(e.record.plural)} with ${detail[e.record.kind]}`),
      'Search and sort on every list',
      'Dashboard of the latest records',
    ],
  };
}
