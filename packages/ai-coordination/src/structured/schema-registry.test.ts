import { describe, expect, it } from 'vitest';
import { jsonSchemaForName } from './schema-registry';

interface JsonObject {
  properties: { [key: string]: JsonObject };
  items: JsonObject;
  required?: string[];
}

describe('jsonSchemaForName', () => {
  it('offers the reference, length and range properties of an MVP spec field, all optional', () => {
    const spec = jsonSchemaForName('mvp_spec')?.schema as unknown as JsonObject;
    const field = spec.properties.entities?.items.properties.fields?.items;
    if (!field) throw new Error('the MVP spec schema has no entity fields');
    expect(Object.keys(field.properties)).toEqual(
      expect.arrayContaining(['references', 'onDelete', 'maxLength', 'min', 'max', 'enumValues']),
    );
    expect(field.properties.type).toMatchObject({ enum: expect.arrayContaining(['reference']) });
    expect(field.properties.onDelete).toMatchObject({ enum: ['cascade', 'restrict', 'set_null'] });
    expect(field.required).toEqual(['name', 'type']);
  });
});
