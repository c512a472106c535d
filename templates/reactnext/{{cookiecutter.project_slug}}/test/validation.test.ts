import { describe, expect, it } from 'vitest';
import type { EntityDef } from '../lib/entity-types';
import { validateInput } from '../lib/validation';

const entity: EntityDef = {
  name: 'Thing',
  table: 'things',
  route: 'things',
  label: 'Thing',
  pluralLabel: 'Things',
  description: '',
  fields: [
    { name: 'title', column: 'title', type: 'string', required: true, label: 'Title', description: '' },
    { name: 'count', column: 'count', type: 'integer', required: false, label: 'Count', description: '' },
    {
      name: 'kind',
      column: 'kind',
      type: 'enum',
      required: false,
      label: 'Kind',
      description: '',
      enumValues: ['a', 'b'],
    },
  ],
};

describe('validateInput', () => {
  it('accepts valid input, coerces numbers and drops unknown keys', () => {
    expect(validateInput(entity, { title: 'x', count: '4', extra: 1 }, false)).toEqual({
      ok: true,
      values: { title: 'x', count: 4 },
    });
  });

  it('names each bad field', () => {
    const result = validateInput(entity, { count: 1.5, kind: 'c' }, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['count', 'kind', 'title']);
  });

  it('lets an update leave required fields out', () => {
    expect(validateInput(entity, { count: 2 }, true)).toEqual({ ok: true, values: { count: 2 } });
  });

  it('rejects a body that is not an object', () => {
    expect(validateInput(entity, [1], false).ok).toBe(false);
  });
});
