import type { Belonging, IdeaRecord } from './idea-reading';
import { CONJUNCTIONS, FILLERS, type Group, prepositionBefore, type Token } from './noun-phrases';
import type { RecordKind } from './record-kinds';

const RANK: Record<RecordKind, number> = { person: 0, thing: 1, event: 2, money: 3 };

/** How records belong together, strongest evidence first; see `Belonging`. */
export function belongingsOf(
  groups: Group[],
  tokens: Token[],
  recordOf: Map<Group, number>,
  records: IdeaRecord[],
): Belonging[] {
  const out: Belonging[] = [];
  const add = (child: number | undefined, parent: number | undefined, stated: boolean) => {
    if (child === undefined || parent === undefined || child === parent) return;
    if (!out.some((b) => b.child === child && b.parent === parent)) out.push({ child, parent, stated });
  };
  const inGroups = groups.filter((g) => recordOf.has(g));
  // Phrases that are no record ("court dates") do not break a list.
  const transparent = new Set(groups.filter((g) => !recordOf.has(g)).flatMap((g) => g.tokens));
  const listPrev = new Map<Group, Group>();
  inGroups.forEach((g, i) => {
    const h = inGroups[i - 1];
    if (!h || h.tokens[0]?.sentence !== g.tokens[0]?.sentence) return;
    const between = tokens.slice(h.end + 1, g.start);
    const joined =
      (tokens[h.end] as Token).post.includes(',') || between.some((t) => CONJUNCTIONS.has(t.word));
    const filler = (t: Token) =>
      CONJUNCTIONS.has(t.word) || FILLERS.has(t.word) || t.tags.has('Adjective') || transparent.has(t);
    if (joined && between.every(filler)) listPrev.set(g, h);
  });
  const inList = (g: Group) => listPrev.has(g) || [...listPrev.values()].includes(g);

  // "Run theatre productions: cast members, rehearsals and props": what follows a colon belongs to it.
  inGroups.forEach((g) => {
    if (!(tokens[g.end] as Token).post.includes(':')) return;
    for (const item of inGroups)
      if (item.start > g.end && item.tokens[0]?.sentence === g.tokens[0]?.sentence)
        add(recordOf.get(item), recordOf.get(g), true);
  });
  // "escape room bookings" next to "rooms": the compound belongs to the record its first word names.
  records.forEach((record, i) => {
    if (record.words.length < 2) return;
    const parent = records.findIndex((r) => r.words.length === 1 && r.words[0] === record.words[0]);
    if (parent >= 0) add(i, parent, true);
  });
  // "a player's matches".
  for (const g of inGroups) {
    const owner = inGroups.find((h) => h.end === g.start - 1 && (tokens[h.end] as Token).owner);
    if (owner) add(recordOf.get(g), recordOf.get(owner), true);
  }
  // "designs of each client", "sessions with artists", "couples with their shoots".
  for (const g of inGroups) {
    const { prep, at, possessive } = prepositionBefore(tokens, g);
    if (!prep) continue;
    const h = inGroups.find((x) => x.end === at - 1);
    // "boats, moorings and regattas for members": only "of" binds to the last item of a list alone.
    if (!h || (inList(h) && prep !== 'of')) continue;
    if (prep === 'with' && possessive) add(recordOf.get(g), recordOf.get(h), true);
    else add(recordOf.get(h), recordOf.get(g), true);
  }
  // A list only suggests: an event or a payment belongs to the nearest item of a more basic kind before
  // it, else after it ("fixtures, teams and referees"); a thing to the nearest person or event before
  // it ("couples, shoots and albums"); a person to nothing.
  const lists: Group[][] = [];
  for (const g of inGroups) {
    const prev = listPrev.get(g);
    const list = prev ? lists.find((l) => l[l.length - 1] === prev) : undefined;
    if (list) list.push(g);
    else lists.push([g]);
  }
  for (const list of lists.filter((l) => l.length > 1)) {
    const ids = [...new Set(list.map((g) => recordOf.get(g) as number))];
    const rank = (id: number) => RANK[(records[id] as IdeaRecord).kind];
    ids.forEach((id, i) => {
      if (out.some((b) => b.child === id && b.stated)) return;
      const kind = (records[id] as IdeaRecord).kind;
      const before = ids.slice(0, i).reverse();
      if (kind === 'thing') {
        add(
          id,
          before.find((p) => ['person', 'event'].includes((records[p] as IdeaRecord).kind)),
          false,
        );
      } else if (kind !== 'person') {
        const lower = (p: number) => rank(p) < rank(id);
        add(id, before.find(lower) ?? ids.slice(i + 1).find(lower), false);
      }
    });
    // Records of one kind ("formulas, ingredients and batches") hang off the first one named.
    const kinds = new Set(ids.map((id) => (records[id] as IdeaRecord).kind));
    if (kinds.size === 1 && !ids.some((id) => out.some((b) => b.child === id || b.parent === id)))
      for (const id of ids.slice(1)) add(id, ids[0], false);
  }
  // Nothing links them: the first record that is not a person belongs to the one named before it.
  if (out.length === 0 && records.length >= 2) {
    const child = records.findIndex((r, i) => i > 0 && r.kind !== 'person');
    add(child > 0 ? child : 1, child > 0 ? child - 1 : 0, false);
  }
  return out;
}
