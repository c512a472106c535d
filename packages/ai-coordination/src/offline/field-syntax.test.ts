import { describe, expect, it } from 'vitest';
import { parseFields } from './field-syntax';

describe('parseFields', () => {
  it('reads plain, optional and enum fields', () => {
    expect(parseFields('startsAt:datetime, note:text?, status:enum(booked|done)')).toEqual([
      { name: 'startsAt', type: 'datetime', required: true },
      { name: 'note', type: 'text', required: false },
      { name: 'status', type: 'enum', required: true, enumValues: ['booked', 'done'] },
    ]);
  });

  it('reads references with and without a delete rule', () => {
    expect(
      parseFields('owner:ref(Owner), visit:ref(Visit)?, pet:ref(Pet)!cascade, vet:ref(Vet)?!set_null'),
    ).toEqual([
      { name: 'owner', type: 'reference', required: true, references: 'Owner' },
      { name: 'visit', type: 'reference', required: false, references: 'Visit' },
      { name: 'pet', type: 'reference', required: true, references: 'Pet', onDelete: 'cascade' },
      { name: 'vet', type: 'reference', required: false, references: 'Vet', onDelete: 'set_null' },
    ]);
  });

  it('reads lengths and ranges', () => {
    expect(
      parseFields(
        'title:string(120), body:text(5000)?, rating:integer(1..5), amount:number(0..), delta:number(..-0.5)',
      ),
    ).toEqual([
      { name: 'title', type: 'string', required: true, maxLength: 120 },
      { name: 'body', type: 'text', required: false, maxLength: 5000 },
      { name: 'rating', type: 'integer', required: true, min: 1, max: 5 },
      { name: 'amount', type: 'number', required: true, min: 0 },
      { name: 'delta', type: 'number', required: true, max: -0.5 },
    ]);
  });

  it.each([
    ['title string', 'not name:type'],
    ['title:varchar', 'unknown type varchar'],
    ['owner:ref', 'ref needs its argument'],
    ['title:string!cascade', 'only a reference takes a delete rule'],
    ['pet:ref(Pet)!destroy', 'unknown delete rule destroy'],
    ['done:boolean(1)', 'is not a length or a range'],
    ['title:string(1..5)', 'is not a length or a range'],
    ['rating:integer(..)', 'is not a length or a range'],
  ])('refuses %s, naming the entry', (entry, why) => {
    expect(() => parseFields(entry)).toThrow(why);
    expect(() => parseFields(entry)).toThrow(entry);
  });
});
