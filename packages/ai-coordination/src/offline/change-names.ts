import { ChangeNotUnderstoodError, EntityName, FieldName } from '@startup-factory/contracts';
import nlp from 'compromise/two';

/** `InvoiceLine` -> `invoice line`; other text as written. */
const spaced = (text: string) => text.trim().replace(/([a-z0-9])([A-Z])/g, '$1 $2');

/**
 * The words of a name with its last noun singular, by compromise's inflector: `line items` ->
 * `['line', 'item']`, `Categories` -> `['category']`. The last word is read as a noun, since a
 * name alone ("Invoices") has no sentence to tell the tagger so.
 */
function singularWords(text: string): string[] {
  const doc = nlp(spaced(text));
  const last = doc.terms().last();
  last.tag('Noun');
  if (!last.has('#Singular') && !last.has('#Uncountable') && /[^su]s$/i.test(last.text())) last.tag('Plural');
  doc.compute('root');
  const terms = (doc.json() as Array<{ terms: Array<{ root?: string; normal?: string }> }>).flatMap(
    (s) => s.terms,
  );
  return terms.map((t) => t.root ?? t.normal ?? '').filter((w) => /^[a-z0-9]+$/.test(w));
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function refuse(change: string, message: string): never {
  throw new ChangeNotUnderstoodError({ change, message });
}

/** An entity name as the spec spells it: singular PascalCase (`customers` -> `Customer`). */
export function entityNameOf(text: string): string {
  const words = singularWords(text);
  const name = words.map(capital).join('');
  const parsed = EntityName.safeParse(name);
  if (!parsed.success) {
    refuse(
      text,
      `"${text.trim()}" cannot be an entity name: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return name;
}

/** A field name as the spec spells it: camelCase of the words (`due date` -> `dueDate`). */
export function fieldNameOf(text: string): string {
  const words = spaced(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w : capital(w))).join('');
  const parsed = FieldName.safeParse(name);
  if (!parsed.success) {
    refuse(text, `"${text.trim()}" cannot be a field name: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return name;
}

/** An enum value as the spec spells it: lowercase with underscores (`In progress` -> `in_progress`). */
export function enumValueOf(text: string): string {
  const value = text
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(value))
    refuse(text, `"${text.trim()}" cannot be a choice of an enum field`);
  return value;
}
