import nlp from 'compromise/two';
import { isActionVerb, VAGUE_NOUNS } from './record-kinds';
import { wordsOf } from './word-stems';

interface Term {
  normal?: string;
  root?: string;
  tags?: string[];
  post?: string;
}

/** One word of the text: the tagger's tags and how the drafter reads it. */
export interface Token {
  word: string;
  root?: string;
  tags: Set<string>;
  post: string;
  sentence: number;
  noun: boolean;
  /** A possessive noun ("player's"): it ends its phrase, and the next phrase belongs to it. */
  owner: boolean;
  /** Read as a noun only in front of another noun ("mowing jobs", "repair tickets"). */
  modifierOnly: boolean;
  plural: boolean;
}

/** A noun phrase: consecutive nouns; `head` is the last one singular, `modifier` the word before it. */
export interface Group {
  tokens: Token[];
  start: number;
  end: number;
  head: string;
  modifier?: string;
}

export const PREPOSITIONS = new Set([
  'of',
  'for',
  'in',
  'per',
  'at',
  'on',
  'from',
  'to',
  'under',
  'within',
  'inside',
  'with',
]);
export const FILLERS = new Set([
  'a',
  'an',
  'the',
  'each',
  'every',
  'all',
  'any',
  'their',
  'its',
  'his',
  'her',
  'our',
  'your',
]);
const POSSESSIVES = new Set(['their', 'its', 'his', 'her', 'our', 'your']);
export const CONJUNCTIONS = new Set(['and', 'or', '&']);
export const BREAK = /[,;:.!?()/]/;
const ADJECTIVE_HEADS = new Set(['item', 'part', 'unit']);
/** Never nouns, whatever the tagger says ("for" is sometimes tagged one). */
export const FUNCTION_WORDS = new Set([
  ...PREPOSITIONS,
  ...FILLERS,
  ...CONJUNCTIONS,
  'to',
  'that',
  'which',
  'who',
]);

/** The tagged words of a text and its noun phrases, the candidates for records. */
export function phrasesOf(text: string, exclude: ReadonlySet<string>): { tokens: Token[]; groups: Group[] } {
  const tokens = tokenize(text, exclude);
  reinterpret(tokens);
  return { tokens, groups: groupsOf(tokens) };
}

function tokenize(text: string, exclude: ReadonlySet<string>): Token[] {
  const doc = nlp(text);
  doc.compute('root'); // adds each term's `root`: the singular of a plural, the infinitive of a verb
  const sentences = doc.json({ terms: { normal: true, tags: true } }) as Array<{ terms: Term[] }>;
  return sentences.flatMap((sentence, index) =>
    sentence.terms.map((term) => {
      const tags = new Set(term.tags ?? []);
      // "a player's matches": the owner is a noun too, and what follows belongs to it.
      const owner = tags.has('Possessive') && !tags.has('Pronoun') && /['’]s?$/.test(term.normal ?? '');
      const word = wordsOf((term.normal ?? '').replace(/['’]s?$/, '')).join('');
      const excluded = exclude.has(word) || word.length < 2 || FUNCTION_WORDS.has(word);
      const noun =
        !excluded &&
        tags.has('Noun') &&
        !['Pronoun', 'Value', 'ProperNoun', 'Determiner'].some((t) => tags.has(t)) &&
        (!tags.has('Possessive') || owner) &&
        (!tags.has('Date') || word === 'date' || word === 'dates');
      return {
        owner,
        word,
        ...(term.root ? { root: wordsOf(term.root).join('') } : {}),
        tags,
        post: term.post ?? '',
        sentence: index,
        noun,
        modifierOnly: false,
        plural: tags.has('Plural'),
      };
    }),
  );
}

/**
 * Taggers read some list items as verbs ("couples, shoots and albums", "manage gardens, crews").
 * Between list separators, after another verb or before an action verb, a present-tense `-s`
 * verb is a plural noun; a verb or gerund right in front of a noun is a modifier ("repair tickets").
 */
function reinterpret(tokens: Token[]): void {
  const separated = (i: number) => i > 0 && !BREAK.test((tokens[i - 1] as Token).post);
  const afterList = (i: number) => {
    const prev = tokens[i - 1];
    const before = tokens[i - 2];
    return (
      (prev?.noun === true && prev.post.includes(',')) ||
      (prev !== undefined && CONJUNCTIONS.has(prev.word) && before?.noun === true)
    );
  };
  tokens.forEach((t, i) => {
    if (t.noun || !t.tags.has('Verb') || !t.tags.has('PresentTense') || !t.word.endsWith('s') || !t.root)
      return;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const prevVerb =
      prev !== undefined &&
      ((prev.tags.has('Verb') && !prev.noun) || isActionVerb(prev.word)) &&
      separated(i);
    // "and honey harvests", "and guest lists": the second word of a listed compound.
    const compoundInList = prev?.noun === true && separated(i) && afterList(i - 1);
    // "with album delivery dates": the last word of a phrase after a preposition.
    let j = i - 1;
    while (j >= 0 && tokens[j]?.noun === true && separated(j + 1)) j--;
    const afterPreposition =
      j < i - 1 &&
      j >= 0 &&
      PREPOSITIONS.has((tokens[j] as Token).word) &&
      (BREAK.test(t.post) || !next || FUNCTION_WORDS.has(next.word));
    const beforeList = t.post.includes(',') && next?.tags.has('Noun') === true;
    const beforeAction = prev?.noun === true && separated(i) && next !== undefined && isActionVerb(next.word);
    if (afterList(i) || prevVerb || compoundInList || afterPreposition || beforeList || beforeAction) {
      t.noun = true;
      t.plural = true;
    }
  });
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.noun || !next?.noun || BREAK.test(t.post) || isActionVerb(t.word) || t.word.length < 3) return;
    if (t.tags.has('Gerund') || (t.tags.has('Verb') && afterList(i))) {
      t.noun = true;
      t.modifierOnly = true;
    }
  });
}

function groupsOf(tokens: Token[]): Group[] {
  const runs: Array<{ start: number; end: number }> = [];
  tokens.forEach((t, i) => {
    const last = runs[runs.length - 1];
    const prev = tokens[i - 1];
    if (!t.noun) return;
    if (
      last &&
      last.end === i - 1 &&
      prev &&
      prev.sentence === t.sentence &&
      !BREAK.test(prev.post) &&
      !prev.owner
    )
      last.end = i;
    else runs.push({ start: i, end: i });
  });
  const groups: Group[] = [];
  for (const run of runs) {
    // "museums catalogue artifacts": an action verb after a plural splits two phrases.
    let start = run.start;
    for (let i = run.start + 1; i < run.end; i++) {
      if (isActionVerb((tokens[i] as Token).word) && (tokens[i - 1] as Token).plural) {
        pushGroup(groups, tokens, start, i - 1);
        start = i + 1;
      }
    }
    pushGroup(groups, tokens, start, run.end);
  }
  return groups;
}

function pushGroup(groups: Group[], tokens: Token[], from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && isActionVerb((tokens[start] as Token).word)) start++;
  while (end >= start && (tokens[end] as Token).modifierOnly) end--;
  if (end < start) return;
  const span = tokens.slice(start, end + 1);
  const headToken = span[span.length - 1] as Token;
  const head = headToken.plural && headToken.root ? headToken.root : headToken.word;
  const before = tokens[start - 1];
  // "spare parts": these vague nouns keep the adjective that makes them a record.
  const modifierToken =
    span[span.length - 2] ??
    (ADJECTIVE_HEADS.has(head) && before?.tags.has('Adjective') && !BREAK.test(before.post)
      ? before
      : undefined);
  const modifier =
    modifierToken && !VAGUE_NOUNS.has(modifierToken.word)
      ? modifierToken.plural && modifierToken.root
        ? modifierToken.root
        : modifierToken.word
      : undefined;
  groups.push({ tokens: span, start, end, head, ...(modifier ? { modifier } : {}) });
}

/** The preposition governing a phrase ("designs of each client"), skipping articles, adjectives and possessives. */
export function prepositionBefore(
  tokens: Token[],
  g: Group,
): { prep: string | undefined; at: number; possessive: boolean } {
  let j = g.start - 1;
  let possessive = false;
  while (j >= 0 && (FILLERS.has((tokens[j] as Token).word) || (tokens[j] as Token).tags.has('Adjective'))) {
    possessive ||= POSSESSIVES.has((tokens[j] as Token).word);
    j--;
  }
  const token = tokens[j];
  const prep = token && PREPOSITIONS.has(token.word) && !BREAK.test(token.post) ? token.word : undefined;
  return { prep, at: j, possessive };
}

/** True when a verb follows the phrase: it is the subject ("Small presses track ..."). */
export function followedByVerb(tokens: Token[], g: Group): boolean {
  const next = tokens[g.end + 1];
  return (
    next !== undefined &&
    !BREAK.test((tokens[g.end] as Token).post) &&
    ((next.tags.has('Verb') && !next.noun) || isActionVerb(next.word))
  );
}

/** A phrase with the adjectives before it, head singular: "Small presses" -> `small press`. */
export function audienceText(tokens: Token[], g: Group): string {
  let from = g.start;
  while (
    from > 0 &&
    (tokens[from - 1] as Token).tags.has('Adjective') &&
    !BREAK.test((tokens[from - 1] as Token).post)
  )
    from--;
  // "Print shops take orders": the tagger may read the first word as a verb.
  const first = tokens[from - 1];
  if (
    from === 1 &&
    first &&
    !isActionVerb(first.word) &&
    !BREAK.test(first.post) &&
    !first.tags.has('Determiner')
  )
    from = 0;
  const before = tokens.slice(from, g.start).map((t) => t.word);
  return [...before, ...g.tokens.slice(0, -1).map((t) => t.word), g.head].join(' ');
}

/**
 * The words of a short phrase with plural nouns made singular, and whether its last word was plural:
 * `Tattoo studios` -> `{ words: ['tattoo', 'studio'], plural: true }`.
 */
export function singularPhrase(text: string): { words: string[]; plural: boolean } {
  const tokens = tokenize(text, new Set()).filter((t) => t.word.length > 0);
  const last = tokens[tokens.length - 1];
  return {
    words: tokens.map((t) => (t.plural && t.root ? t.root : t.word)),
    plural: last?.plural === true && last.tags.has('Noun'),
  };
}
