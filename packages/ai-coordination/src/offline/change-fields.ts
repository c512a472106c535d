import { ChangeNotUnderstoodError, type FieldType } from '@startup-factory/contracts';
import { entityNameOf, enumValueOf, fieldNameOf } from './change-names';

/** A field as a change asks for it; `required` unset means the change did not say. */
export interface FieldEdit {
  name: string;
  type: FieldType;
  required?: boolean;
  enumValues?: string[];
  references?: string;
  default?: string | number | boolean;
}

/** Words a founder uses for each field type, longest first where one contains another. */
const TYPE_WORDS: Array<[RegExp, FieldType]> = [
  [/^(?:date\s*(?:and|&)\s*time|datetime|timestamp|time)$/, 'datetime'],
  [/^(?:long\s+text|text|paragraph|notes?|rich\s+text|multi-?line(?:\s+text)?)$/, 'text'],
  [/^(?:short\s+text|string|line|word|name|title)$/, 'string'],
  [/^(?:integer|int|whole\s+number|count)$/, 'integer'],
  [/^(?:number|decimal|float|money|amount|currency|price|numeric)$/, 'number'],
  [/^(?:boolean|bool|yes\s*\/\s*no|yes\s+or\s+no|checkbox|flag|true\s*\/\s*false)$/, 'boolean'],
  [/^(?:date|day)$/, 'date'],
  [/^(?:e-?mail(?:\s+address)?)$/, 'email'],
  [/^(?:url|link|website|web\s+address)$/, 'url'],
  [/^(?:enum|choice|select|option)$/, 'enum'],
];

/** The type a field's own name suggests when the change gives none: `due date` is a date. */
const NAME_HINTS: Array<[RegExp, FieldType]> = [
  [/(?:^|\s)(?:date|day|deadline|birthday)$/, 'date'],
  [/(?:^|\s)(?:time|timestamp)$|\sat$/, 'datetime'],
  [/(?:^|\s)e-?mail(?:\s+address)?$/, 'email'],
  [/(?:^|\s)(?:url|website|link|homepage)$/, 'url'],
  [/(?:^|\s)(?:amount|price|cost|total|fee|budget|salary|balance|rate)$/, 'number'],
  [/(?:^|\s)(?:count|quantity|age|number\s+of\s+\w+)$/, 'integer'],
  [/^(?:is|has|can)\s/, 'boolean'],
  [/(?:^|\s)(?:notes|description|comments?|summary|bio)$/, 'text'],
];

const REFERENCE =
  /^(?:(required|optional|mandatory)\s+)?(?:reference|ref|link|relation(?:ship)?|foreign\s+key)\s+to\s+(?:an?\s+|the\s+)?([A-Za-z][A-Za-z0-9 ]*?)(?:\s+(?:called|named|as)\s+([A-Za-z][A-Za-z0-9 ]*))?$/i;
const BELONGS =
  /^(?:(required|optional)\s+)?(?:belongs|belonging)\s+to\s+(?:an?\s+|the\s+)?([A-Za-z][A-Za-z0-9 ]*)$/i;
const LIST_LEAD =
  /^(?:(?:an?|the|some|new)\s+)*(?:(required|optional|mandatory)\s+)?(?:(?:fields?|columns?|propert(?:y|ies)|attributes?)\s+)?(?:(?:called|named)\s+)?/i;
const DEFAULT = /^defaults?(?:\s+(?:to|is|of|value))?\s*[:=]?\s*(.+)$/i;
const ONE_OF = /(?:^|,\s*)(?:one\s+of|either|choices?(?:\s+of)?|values?|enum\s*(?::|of\b))\s*:?\s*(.+)$/i;

function refuse(item: string, message: string): never {
  throw new ChangeNotUnderstoodError({ change: item, message });
}

/** Splits on commas, "and" and "&" that are outside parentheses and quotes. */
export function splitTopLevel(text: string, words = true): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || (c === "'" && !/\w/.test(text[i - 1] ?? ''))) quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const rest = text.slice(i);
      const sep =
        c === ',' ? /^,\s*(?:and\s+|or\s+)?/.exec(rest) : words ? /^\s+(?:and|&|or)\s+/.exec(rest) : null;
      if (sep) {
        parts.push(text.slice(start, i));
        i += sep[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const flagOf = (word: string | undefined) =>
  word === undefined ? undefined : /^(?:required|mandatory)$/i.test(word);

/**
 * Reads "amount (number), due date (date) and a reference to Customer" into fields. `known` are the
 * entities a reference may name. A part it cannot read throws CHANGE_NOT_UNDERSTOOD naming it.
 */
export function readFieldList(text: string, known: ReadonlySet<string>): FieldEdit[] {
  const lead = LIST_LEAD.exec(text.trim());
  const required = flagOf(lead?.[1]);
  const list = text.trim().slice(lead?.[0].length ?? 0);
  const fields = splitTopLevel(list).map((item) => readField(item, known));
  return required === undefined ? fields : fields.map((f) => ({ required, ...f }));
}

function readField(raw: string, known: ReadonlySet<string>): FieldEdit {
  const item = raw.replace(/^(?:an?|the)\s+/i, '').trim();
  const reference = REFERENCE.exec(item) ?? BELONGS.exec(item);
  if (reference) {
    const [, flag, target = '', named] = reference;
    const references = referenceTarget(target, known, raw);
    const required = flagOf(flag);
    return {
      name: fieldNameOf(named ?? references),
      type: 'reference',
      references,
      ...(required === undefined ? {} : { required }),
    };
  }
  const match =
    /^(?:(required|optional|mandatory)\s+)?(.+?)(?:\s+(?:fields?|columns?))?(?:\s*\((.*)\))?$/is.exec(item);
  const [, flag, nameText = '', details] = match ?? [];
  const field: FieldEdit = { name: fieldNameOf(nameText), type: 'string' };
  let type: FieldType | undefined;
  let rawDefault: string | undefined;
  let required = flagOf(flag);
  let rest = details ?? '';
  const choices = ONE_OF.exec(rest);
  const options: string[] = [];
  if (choices) {
    type = 'enum';
    rest = rest.slice(0, choices.index);
    const values: string[] = [];
    for (const choice of splitTopLevel((choices[1] ?? '').replace(/[|/]/g, ','))) {
      if (DEFAULT.test(choice) || /^(?:required|optional|mandatory)$/i.test(choice)) options.push(choice);
      else values.push(enumValueOf(choice));
    }
    field.enumValues = values;
  }
  for (const part of [...splitTopLevel(rest, false), ...options]) {
    const word = part.toLowerCase().trim();
    const typed = TYPE_WORDS.find(([pattern]) => pattern.test(word));
    const defaultMatch = DEFAULT.exec(part);
    const referenceMatch = /^(?:reference|ref|link)\s+to\s+(?:an?\s+|the\s+)?(.+)$/i.exec(part);
    if (/^(?:required|mandatory)$/.test(word)) required = true;
    else if (word === 'optional') required = false;
    else if (defaultMatch) rawDefault = defaultMatch[1];
    else if (referenceMatch) {
      type = 'reference';
      field.references = referenceTarget(referenceMatch[1] ?? '', known, raw);
    } else if (typed) type = typed[1];
    else {
      refuse(
        raw,
        `"${part}" in "${raw}" is not a field type or option the offline reviser knows (types: string, text, integer, number, boolean, date, datetime, email, url, "one of a, b, c", "reference to Entity"; options: required, optional, default …)`,
      );
    }
  }
  // A field named for an entity of the spec ("a customer field") is a reference to it.
  const named = type ? undefined : [...known].find((k) => k.toLowerCase() === field.name.toLowerCase());
  if (named) {
    type = 'reference';
    field.references = named;
  }
  field.type =
    type ?? NAME_HINTS.find(([pattern]) => pattern.test(nameText.toLowerCase().trim()))?.[1] ?? 'string';
  if (field.type === 'enum' && !field.enumValues)
    refuse(raw, `"${raw}" is an enum; list its choices: (one of a, b, c)`);
  if (required !== undefined) field.required = required;
  if (rawDefault !== undefined) field.default = defaultValue(rawDefault, field, raw);
  return field;
}

function referenceTarget(text: string, known: ReadonlySet<string>, raw: string): string {
  const name = entityNameOf(text);
  const found = [...known].find((k) => k.toLowerCase() === name.toLowerCase());
  if (!found) {
    refuse(
      raw,
      `"${raw}" refers to ${name}, which is not an entity of the spec (${[...known].join(', ')}); add it first, e.g. "add an entity ${name} with name (string)"`,
    );
  }
  return found;
}

/** A default as its field's type holds it: `'normal'` -> `normal`, `5` -> 5, `yes` -> true. */
function defaultValue(text: string, field: FieldEdit, raw: string): string | number | boolean {
  const value = text.trim().replace(/^(["'])(.*)\1$/s, '$2');
  if (field.type === 'integer' || field.type === 'number') {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n))
      refuse(raw, `the default of ${field.name} must be a number, not "${value}"`);
    return n;
  }
  if (field.type === 'boolean') {
    if (/^(?:true|yes|on|checked)$/i.test(value)) return true;
    if (/^(?:false|no|off|unchecked)$/i.test(value)) return false;
    refuse(raw, `the default of ${field.name} must be true or false, not "${value}"`);
  }
  if (field.type === 'reference') refuse(raw, `${field.name} is a reference; a reference takes no default`);
  return field.type === 'enum' ? enumValueOf(value) : value;
}
