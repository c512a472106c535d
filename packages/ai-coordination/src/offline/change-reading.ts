import { ChangeNotUnderstoodError, type Page } from '@startup-factory/contracts';
import { type FieldEdit, readFieldList } from './change-fields';
import { entityNameOf } from './change-names';

/** One edit the offline reviser understood in a founder's change. */
export type SpecEdit =
  | { kind: 'entity'; name: string; fields: FieldEdit[] }
  | { kind: 'fields'; entity: string; fields: FieldEdit[] }
  | { kind: 'page'; title: string; path?: string; pageKind?: Page['kind']; entity?: string }
  | { kind: 'story'; asA: string; iWant: string; soThat: string }
  | { kind: 'refused'; clause: string; reason: string };

/** What the reviser can do, quoted in every refusal so the founder can rephrase. */
export const UNDERSTOOD_PHRASINGS = [
  '"add an entity Invoice with amount (number), due date (date) and a reference to Customer"',
  '"add a required field priority (text, default \'normal\') to Task"',
  '"add a page Reports" (or "add a list page Invoices for Invoice at /invoices")',
  '"add a story: as a dispatcher, I want to see late invoices, so that I can chase them"',
];

const THEN =
  /(?:[;\n]+|\.(?:\s+|$)|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?=(?:also\s+)?(?:add|create|give|introduce)\b))/i;
const LEAD =
  /^(?:(?:please|also|and|then|now|finally)\s+|(?:i|we)\s+(?:want|need|would\s+like)\s+(?:you\s+)?to\s+|let'?s\s+|(?:can|could|would)\s+you\s+)+/i;
const ARTICLE = String.raw`(?:(?:an?|the|one|some|each|every|all)\s+)?(?:new\s+)?`;
const NAME = `["']?([A-Za-z][A-Za-z0-9 ]*?)["']?`;
const WITH = String.raw`(?:\s+(?:with|having|that\s+has|which\s+has|holding|storing)\s+(.+))?`;
const RECORD_WORD = '(?:entity|record|table|model|resource|object)';

const ENTITY_FIRST = new RegExp(
  String.raw`^(?:add|create|introduce|track)\s+${ARTICLE}${RECORD_WORD}\s+(?:type\s+)?(?:(?:called|named)\s+)?${NAME}${WITH}$`,
  'i',
);
const ENTITY_AFTER = new RegExp(
  String.raw`^(?:add|create|introduce|track)\s+${ARTICLE}${NAME}\s+${RECORD_WORD}s?${WITH}$`,
  'i',
);
const ENTITY_WITH = new RegExp(
  String.raw`^(?:add|create|introduce|track)\s+${ARTICLE}${NAME}\s+(?:with|having)\s+(.+)$`,
  'i',
);
const FIELDS_TO = new RegExp(
  String.raw`^(?:add|include|put)\s+(.+)\s+(?:to|on|onto|in|for)\s+${ARTICLE}${NAME}(?:\s+${RECORD_WORD}s?)?$`,
  'i',
);
const GIVE = new RegExp(
  String.raw`^(?:give|let)\s+${ARTICLE}${NAME}\s+(?:have\s+)?((?:an?\s+|the\s+)?.+)$`,
  'i',
);
const NEEDS = new RegExp(
  String.raw`^${ARTICLE}${NAME}\s+(?:needs|gets|should\s+have|must\s+have|should\s+get|has)\s+(.+)$`,
  'i',
);
const PAGE_KIND = String.raw`(?:(?<kind>list|detail|form|dashboard|landing)\s+)?`;
const PAGE_TAIL = String.raw`(?:\s+(?:at|on)\s+(?<path>\/[a-z0-9/-]*))?(?:\s+(?:for|of|listing|showing)\s+${ARTICLE}(?<entity>[A-Za-z][A-Za-z0-9 ]*))?`;
const PAGE_FIRST = new RegExp(
  String.raw`^(?:add|create)\s+${ARTICLE}${PAGE_KIND}page\s+(?:(?:called|named|titled)\s+)?["']?(?<title>.+?)["']?${PAGE_TAIL}$`,
  'i',
);
const PAGE_AFTER = new RegExp(
  String.raw`^(?:add|create)\s+${ARTICLE}["']?(?<title>.+?)["']?\s+${PAGE_KIND}page${PAGE_TAIL}$`,
  'i',
);
const STORY =
  /^(?:(?:add|write|create)\s+(?:an?\s+|the\s+)?(?:new\s+)?(?:user\s+)?story\s*:?\s*)?["']?as\s+(?:an?\s+|the\s+)?(.+?),?\s+i\s+want\s+(.+?),?\s+so\s+(?:that\s+)?(.+?)["']?$/i;
const REMOVAL = /^(?:remove|delete|drop|rename|replace|retype|split|merge)\b|\bchange\s+the\s+type\b/i;
const RECORD_IN_LIST = new RegExp(`\\b${RECORD_WORD}s?\\b`, 'i');
const REFERENCE_END = /\b(?:reference|ref|link|relation(?:ship)?|foreign\s+key|belongs|belonging)$/i;
const FIELD_WORD = /\b(?:fields?|columns?|propert(?:y|ies)|attributes?)\b/i;

/** The clauses of a change: sentences, `;`, new lines, "then" and "and add …". */
export function clausesOf(change: string): string[] {
  return change
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .split(THEN)
    .map((clause) =>
      clause
        .trim()
        .replace(LEAD, '')
        .replace(/[\s!.]+$/, ''),
    )
    .filter((clause) => clause.length > 0);
}

/**
 * Reads a founder's change into edits, clause by clause, against the spec's entity names (and the
 * entities earlier clauses add). A clause it cannot read becomes a `refused` edit saying why;
 * nothing is guessed.
 */
export function readChange(change: string, entities: readonly string[]): SpecEdit[] {
  const known = new Set(entities);
  const edits: SpecEdit[] = [];
  for (const clause of clausesOf(change)) {
    const edit = readClause(clause, known);
    if (edit.kind === 'entity') known.add(edit.name);
    edits.push(edit);
  }
  if (edits.length === 0) edits.push({ kind: 'refused', clause: change, reason: 'it names no change' });
  return edits;
}

function readClause(clause: string, known: ReadonlySet<string>): SpecEdit {
  const refuse = (reason: string): SpecEdit => ({ kind: 'refused', clause, reason });
  try {
    const story = STORY.exec(clause);
    if (story) {
      const [, asA = '', iWant = '', soThat = ''] = story;
      return { kind: 'story', asA: asA.trim(), iWant: iWant.trim(), soThat: soThat.trim() };
    }
    const page = PAGE_FIRST.exec(clause) ?? PAGE_AFTER.exec(clause);
    if (page) return pageEdit(page, known);
    if (REMOVAL.test(clause)) {
      return refuse(
        'removing, renaming or retyping would lose or reshape data the startup already has, so the offline reviser never does it; edit the spec and evolve with --spec, saying how the data carries over',
      );
    }
    const entity = ENTITY_FIRST.exec(clause) ?? ENTITY_AFTER.exec(clause);
    if (entity) return entityEdit(entity[1] ?? '', entity[2], known);
    const target = targetOf(clause, known);
    if (target) return { kind: 'fields', entity: target.entity, fields: readFieldList(target.list, known) };
    if (FIELD_WORD.test(clause)) {
      return refuse(
        `it adds a field but names no entity of the spec to add it to (the entities are ${[...known].join(', ')})`,
      );
    }
    const withFields = ENTITY_WITH.exec(clause);
    if (withFields) return entityEdit(withFields[1] ?? '', withFields[2], known);
    return refuse('it is not one of the changes the offline reviser can read');
  } catch (error) {
    if (ChangeNotUnderstoodError.isInstance(error)) return refuse(error.message);
    throw error;
  }
}

/** The entity a field clause adds to and its field list, when the clause names a known entity. */
function targetOf(clause: string, known: ReadonlySet<string>): { entity: string; list: string } | null {
  for (const pattern of [FIELDS_TO, GIVE, NEEDS]) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const [entityText, list] = pattern === FIELDS_TO ? [match[2], match[1]] : [match[1], match[2]];
    // "add an Invoice entity linked to Customer" adds a record, not a field of Customer; in
    // "add X with …, a reference to Customer" the "to Customer" ends the reference, not the clause.
    if (RECORD_IN_LIST.test(list ?? '') || (pattern === FIELDS_TO && REFERENCE_END.test(list ?? '')))
      continue;
    const entity = resolveEntity(entityText ?? '', known);
    if (entity && list) return { entity, list };
  }
  return null;
}

function entityEdit(nameText: string, fieldsText: string | undefined, known: ReadonlySet<string>): SpecEdit {
  const name = entityNameOf(nameText);
  return {
    kind: 'entity',
    name,
    fields: fieldsText ? readFieldList(fieldsText, new Set([...known, name])) : [],
  };
}

function pageEdit(match: RegExpExecArray, known: ReadonlySet<string>): SpecEdit {
  const { kind, title = '', path, entity: entityText } = match.groups ?? {};
  const entity = entityText ? resolveEntity(entityText, known) : undefined;
  if (entityText && !entity) {
    throw new ChangeNotUnderstoodError({
      change: match[0],
      message: `the page is for ${entityText.trim()}, which is not an entity of the spec (${[...known].join(', ')})`,
    });
  }
  return {
    kind: 'page',
    title: title.trim().charAt(0).toUpperCase() + title.trim().slice(1),
    ...(path ? { path } : {}),
    ...(kind ? { pageKind: kind.toLowerCase() as Page['kind'] } : {}),
    ...(entity ? { entity } : {}),
  };
}

/** A known entity named by `text` ("customer", "Customers", "line items"), or undefined. */
export function resolveEntity(text: string, known: ReadonlySet<string>): string | undefined {
  let name: string;
  try {
    name = entityNameOf(text);
  } catch {
    return undefined;
  }
  return [...known].find((k) => k.toLowerCase() === name.toLowerCase() || k === text.trim());
}
