import { FieldType, type MvpSpecInput } from '@startup-factory/contracts';

/** One entity field as the MVP spec schema accepts it (defaults not yet applied). */
export type FieldInput = MvpSpecInput['entities'][number]['fields'][number];

const ENTRY = /^([a-z][A-Za-z0-9]*):([a-z]+)(?:\(([^)]*)\))?(\?)?(?:!([a-z_]+))?$/;
const RANGE = /^(-?\d+(?:\.\d+)?)?\.\.(-?\d+(?:\.\d+)?)?$/;
const DELETE_RULES = new Set(['cascade', 'restrict', 'set_null']);

/**
 * Reads the catalogue's compact field list: comma-separated `name:type` entries where
 * - `ref(Entity)` is a reference to another entity of the spec, `enum(a|b|c)` an enum;
 * - `string(120)` and `text(2000)` set `maxLength`; `integer(1..5)`, `number(0..)` and `number(..99)`
 *   set `min` and/or `max`;
 * - a trailing `?` makes the field optional, and `!cascade`, `!restrict` or `!set_null` after a
 *   reference sets its delete rule (otherwise the schema's default: restrict, or set_null if optional).
 *
 * Example: `pet:ref(Pet)!cascade, visit:ref(Visit)?, vaccine:string(120), doseMl:number(0..)?`.
 * A malformed entry throws, naming it: the catalogue ships with the package, so that is a bug in it.
 */
export function parseFields(spec: string): FieldInput[] {
  return spec.split(',').map((entry) => parseField(entry.trim()));
}

function parseField(entry: string): FieldInput {
  const match = ENTRY.exec(entry);
  if (!match)
    throw new Error(
      `Catalogue field "${entry}" is not name:type, e.g. title:string(120) or owner:ref(Owner)?`,
    );
  const [, name = '', word = '', arg, optional, onDelete] = match;
  const fail = (why: string) => new Error(`Catalogue field "${entry}": ${why}`);
  const type = FieldType.safeParse(word === 'ref' ? 'reference' : word);
  if (!type.success) throw fail(`unknown type ${word}`);
  const field: FieldInput = { name, type: type.data, required: optional === undefined };
  if (onDelete !== undefined && field.type !== 'reference')
    throw fail('only a reference takes a delete rule');
  if (field.type === 'reference' || field.type === 'enum') {
    if (!arg) throw fail(`${word} needs its argument in parentheses`);
    if (field.type === 'reference') field.references = arg;
    else field.enumValues = arg.split('|');
  } else if (arg !== undefined) {
    if ((field.type === 'string' || field.type === 'text') && /^\d+$/.test(arg)) {
      field.maxLength = Number(arg);
    } else if ((field.type === 'integer' || field.type === 'number') && RANGE.test(arg) && arg !== '..') {
      const [, min, max] = RANGE.exec(arg) ?? [];
      if (min !== undefined) field.min = Number(min);
      if (max !== undefined) field.max = Number(max);
    } else {
      throw fail(`${word}(${arg}) is not a length or a range`);
    }
  }
  if (onDelete !== undefined) {
    if (!DELETE_RULES.has(onDelete)) throw fail(`unknown delete rule ${onDelete}`);
    field.onDelete = onDelete as FieldInput['onDelete'];
  }
  return field;
}
