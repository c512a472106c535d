import { pluralOf } from './english-copy';
import {
  audienceText,
  followedByVerb,
  type Group,
  phrasesOf,
  prepositionBefore,
  type Token,
} from './noun-phrases';
import { belongingsOf } from './record-belongings';
import {
  ATTRIBUTE_FIELDS,
  isGroup,
  OPENING_PRODUCT_WORDS,
  PRODUCT_WORDS,
  type RecordKind,
  recordKind,
  VAGUE_NOUNS,
} from './record-kinds';

/** A record the idea names, such as "shoots" or "tattoo sessions". */
export interface IdeaRecord {
  /** Lowercase singular words, modifier first: `['tattoo', 'session']`. */
  words: string[];
  kind: RecordKind;
  /** A single person (full name) rather than a group or a thing. */
  individual: boolean;
  /** How copy names several of them, as the idea wrote it where it could: `sheet music`, `shoots`. */
  plural: string;
}

/**
 * Why one record belongs to another: the text says so ("designs of each client", "tattoo sessions
 * with artists", a compound such as "room bookings" next to "rooms", items listed after "productions:"),
 * or only the order of a list suggests it.
 */
export interface Belonging {
  child: number;
  parent: number;
  stated: boolean;
}

/** What the offline drafter reads out of an idea's words. */
export interface IdeaReading {
  records: IdeaRecord[];
  /** Candidates in order of strength; the caller drops any that would close a cycle. */
  belongings: Belonging[];
  /** Who the idea serves, lowercase and singular: `wedding photographer`. */
  audience?: string;
  /** What the idea calls the product, when it says: `crm`, `app`. */
  product?: string;
  /** Fields the words ask for ("prices", "deadlines"), each on the record mentioned nearest before. */
  attributes: Array<{ field: string; record: number }>;
}

const MAX_RECORDS = 6;

/** A group's record words and the plural copy uses: the text's own plural, else the generators' spelling. */
function namesOf(g: Group): [string[], string] {
  const words = g.modifier ? [g.modifier, g.head] : [g.head];
  const head = g.tokens[g.tokens.length - 1] as Token;
  const spelled = head.plural || head.tags.has('Uncountable') ? head.word : pluralOf(g.head);
  return [words, [...words.slice(0, -1), spelled].join(' ')];
}

const isPersonish = (g: Group) =>
  recordKind(g.head, (g.tokens[g.tokens.length - 1] as Token).tags.has('Actor')) === 'person';

/**
 * Reads the records, who the product serves and how records belong together out of an idea's text,
 * using compromise's part-of-speech tags. Words in `exclude` (the startup's own name) are skipped.
 */
export function readIdea(text: string, exclude: ReadonlySet<string> = new Set()): IdeaReading {
  const { tokens, groups } = phrasesOf(text, exclude);
  const recordOf = new Map<Group, number>();
  const byHead = new Map<string, number>();
  const records: IdeaRecord[] = [];
  const attributeMentions: AttributeMention[] = [];
  let audience: string | undefined;
  let product: string | undefined;

  const addRecord = (g: Group, words: string[], plural: string) => {
    const head = words[words.length - 1] as string;
    const known = byHead.get(head);
    if (known !== undefined) {
      recordOf.set(g, known);
      return;
    }
    if (records.length >= MAX_RECORDS) return;
    const actor = (g.tokens[g.tokens.length - 1] as Token).tags.has('Actor');
    const kind = recordKind(head, actor);
    byHead.set(head, records.length);
    recordOf.set(g, records.length);
    records.push({ words, kind, individual: kind === 'person' && !isGroup(head), plural });
  };

  const audienceGroups: Group[] = [];
  for (const g of groups) {
    // "a beekeeping log for ...", but not "event planners coordinate ...".
    const opening =
      records.length === 0 &&
      audience === undefined &&
      product === undefined &&
      !(g.tokens[g.tokens.length - 1] as Token).plural;
    if (PRODUCT_WORDS.has(g.head) || (opening && OPENING_PRODUCT_WORDS.has(g.head))) {
      product ??= g.head;
      const rest = g.tokens.slice(0, -1);
      const last = rest[rest.length - 1];
      if (
        last &&
        recordKind(last.plural && last.root ? last.root : last.word, last.tags.has('Actor')) === 'person'
      )
        audience ??= rest
          .map((t, i) => (i === rest.length - 1 && t.plural && t.root ? t.root : t.word))
          .join(' ');
      else if (last && !last.modifierOnly && !VAGUE_NOUNS.has(last.word))
        addRecord(g, [last.word], pluralOf(last.word));
      continue;
    }
    const attribute = ATTRIBUTE_FIELDS[g.head];
    if (attribute !== undefined) {
      attributeMentions.push(attributeMention(g, attribute));
      continue;
    }
    const headWord = (g.tokens[g.tokens.length - 1] as Token).word;
    if ((VAGUE_NOUNS.has(g.head) || VAGUE_NOUNS.has(headWord)) && !g.modifier) continue;
    const plural = (g.tokens[g.tokens.length - 1] as Token).plural;
    if (
      audience === undefined &&
      records.length === 0 &&
      followedByVerb(tokens, g) &&
      (plural || isPersonish(g))
    ) {
      audience = audienceText(tokens, g);
      audienceGroups.push(g);
      continue;
    }
    if (audience === undefined && prepositionBefore(tokens, g).prep === 'for' && (plural || isPersonish(g))) {
      audience = audienceText(tokens, g);
      audienceGroups.push(g);
      continue;
    }
    addRecord(g, ...namesOf(g));
  }
  // Too few records: whom the product serves is one of them ("booking for clinics").
  if (records.length < 2) for (const g of audienceGroups) addRecord(g, ...namesOf(g));

  return {
    records,
    belongings: belongingsOf(groups, tokens, recordOf, records),
    ...(audience ? { audience } : {}),
    ...(product ? { product } : {}),
    attributes: attributesOf(attributeMentions, groups, recordOf, records, byHead),
  };
}

interface AttributeMention {
  field: string;
  position: number;
  /** Words of the phrase, one of which may name the record it describes ("album delivery dates"). */
  words: string[];
}

/** "ticket prices" -> `ticketPriceUsd:number(0..)?`; "album delivery dates" -> `deliveryDate:date?`. */
function attributeMention(g: Group, attribute: { name: string; type: string }): AttributeMention {
  const name = g.modifier
    ? `${g.modifier}${attribute.name.charAt(0).toUpperCase()}${attribute.name.slice(1)}`
    : attribute.name;
  return {
    field: `${name}:${attribute.type}`,
    position: g.start,
    words: g.tokens.map((t) => (t.plural && t.root ? t.root : t.word)),
  };
}

/**
 * Each attribute goes on the record its phrase names, else on the nearest record mentioned before it,
 * preferring events and payments (prices, dates) over things and things over people.
 */
function attributesOf(
  mentions: AttributeMention[],
  groups: Group[],
  recordOf: Map<Group, number>,
  records: IdeaRecord[],
  byHead: Map<string, number>,
): Array<{ field: string; record: number }> {
  const out: Array<{ field: string; record: number }> = [];
  for (const { field, position, words } of mentions) {
    const named = words.map((w) => byHead.get(w)).find((r) => r !== undefined);
    const before = groups
      .filter((g) => recordOf.has(g) && g.end < position)
      .map((g) => recordOf.get(g) as number)
      .reverse();
    const preferred = (['event', 'money', 'thing', 'person'] as const)
      .map((kind) => before.find((r) => records[r]?.kind === kind))
      .find((r) => r !== undefined);
    const record = named ?? preferred ?? (records.length > 0 ? 0 : undefined);
    if (record !== undefined && !out.some((a) => a.field === field && a.record === record))
      out.push({ field, record });
  }
  return out;
}
