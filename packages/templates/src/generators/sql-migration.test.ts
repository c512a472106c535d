import { MvpSpec } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { sqlMigration } from './sql-migration';

const spec = MvpSpec.parse({
  name: 'Shop\nDROP TABLE users; --',
  tagline: 't',
  problem: 'p',
  solution: 's',
  entities: [
    {
      name: 'OrderLine',
      fields: [
        { name: 'quantity', type: 'integer' },
        { name: 'price', type: 'number', required: false },
        { name: 'state', type: 'enum', enumValues: ['open', 'it_s'] },
        { name: 'contact', type: 'email' },
      ],
    },
  ],
  userStories: [{ asA: 'a', iWant: 'b', soThat: 'c' }],
  pages: [{ path: '/', title: 'Home', kind: 'landing' }],
});

describe('sqlMigration', () => {
  it('creates the schema and a typed table per entity inside it', () => {
    const sql = sqlMigration(spec, 'startup_shop');
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "startup_shop";');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "startup_shop"."order_lines" (');
    expect(sql).toContain('"quantity" integer NOT NULL');
    expect(sql).toContain('"price" double precision,');
    expect(sql).toContain(`"state" text NOT NULL CHECK ("state" IN ('open', 'it_s'))`);
    expect(sql).toContain('"created_at" timestamptz NOT NULL DEFAULT now()');
  });

  it('keeps a hostile spec name inside its comment line', () => {
    const sql = sqlMigration(spec, 'startup_shop');
    expect(sql.split('\n').filter((line) => line.includes('DROP TABLE'))).toEqual([
      expect.stringMatching(/^-- Generated from the MVP spec "Shop DROP TABLE users; --"/),
    ]);
  });

  it('refuses a namespace that is not a startup schema name', () => {
    expect(() => sqlMigration(spec, 'public"; DROP SCHEMA x; --')).toThrow();
  });
});
