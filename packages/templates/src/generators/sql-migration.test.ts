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

const related = MvpSpec.parse({
  name: 'Clinic',
  tagline: 't',
  problem: 'p',
  solution: 's',
  entities: [
    {
      name: 'Appointment',
      fields: [
        { name: 'patient', type: 'reference', references: 'Patient' },
        { name: 'room', type: 'reference', references: 'Room', required: false },
        { name: 'reason', type: 'text' },
      ],
    },
    {
      name: 'Patient',
      fields: [
        { name: 'fullName', type: 'string' },
        { name: 'guardian', type: 'reference', references: 'Patient', required: false },
      ],
    },
    { name: 'Room', fields: [{ name: 'label', type: 'string' }] },
  ],
  userStories: [{ asA: 'a', iWant: 'b', soThat: 'c' }],
  pages: [{ path: '/', title: 'Home', kind: 'landing' }],
});

describe('sqlMigration', () => {
  it("creates a typed table per entity, unqualified so the app's schema on the search path holds it", () => {
    const sql = sqlMigration(spec);
    expect(sql).not.toContain('SCHEMA');
    expect(sql).toContain('CREATE TABLE "order_lines" (');
    expect(sql).toContain('"quantity" integer NOT NULL');
    expect(sql).toContain('"price" double precision,');
    expect(sql).toContain(`"state" text NOT NULL CHECK ("state" IN ('open', 'it_s'))`);
    expect(sql).toContain('"created_at" timestamptz NOT NULL DEFAULT now()');
  });

  it('creates referenced tables first, with foreign keys, their delete rules and an index', () => {
    const sql = sqlMigration(related);
    expect(sql.indexOf('CREATE TABLE "patients"')).toBeLessThan(sql.indexOf('CREATE TABLE "appointments"'));
    expect(sql).toContain('"patient_id" integer NOT NULL REFERENCES "patients" ("id") ON DELETE RESTRICT');
    expect(sql).toContain('"room_id" integer REFERENCES "rooms" ("id") ON DELETE SET NULL');
    expect(sql).toContain('CREATE INDEX "appointments_patient_id_idx" ON "appointments" ("patient_id");');
    expect(sql).toContain(
      '"reason" text NOT NULL CHECK (char_length("reason") <= 5000 AND btrim("reason") <> \'\')',
    );
    // A reference to its own table is added once the table exists.
    expect(sql).toContain(
      'ALTER TABLE "patients" ADD FOREIGN KEY ("guardian_id") REFERENCES "patients" ("id") ON DELETE SET NULL;',
    );
  });

  it('gives every row a workspace, with a foreign key to app_workspaces and an index led by it', () => {
    const sql = sqlMigration(related);
    for (const table of ['appointments', 'patients', 'rooms']) {
      const body = sql.slice(sql.indexOf(`CREATE TABLE "${table}" (`)).split(');')[0];
      expect(body).toContain(
        '"workspace_id" integer NOT NULL REFERENCES "app_workspaces" ("id") ON DELETE CASCADE',
      );
      expect(sql).toContain(`CREATE INDEX "${table}_workspace_id_idx" ON "${table}" ("workspace_id", "id");`);
    }
  });

  it("refuses a spec whose names would collide with the workspace column or the app's own tables", () => {
    const withField = (name: string, type = 'string') => ({
      ...related,
      entities: [
        { name: 'Room', fields: [{ name, type, references: type === 'reference' ? 'Room' : undefined }] },
      ],
    });
    expect(MvpSpec.safeParse(withField('label')).success).toBe(true);
    expect(MvpSpec.safeParse(withField('nextRoom', 'reference')).success).toBe(true);
    for (const [name, type] of [
      ['workspace', 'reference'],
      ['workspaceId', 'integer'],
    ] as const) {
      expect(MvpSpec.safeParse(withField(name, type)).success, name).toBe(false);
    }
    for (const entity of ['AppUser', 'AppSession', 'AppWorkspace', 'AppMembership']) {
      const spec = { ...related, entities: [{ name: entity, fields: [{ name: 'label', type: 'string' }] }] };
      expect(MvpSpec.safeParse(spec).success, entity).toBe(false);
    }
  });

  it('keeps a hostile spec name inside its comment line', () => {
    const sql = sqlMigration(spec);
    expect(sql.split('\n').filter((line) => line.includes('DROP TABLE'))).toEqual([
      expect.stringMatching(/^-- Generated from the MVP spec "Shop DROP TABLE users; --"/),
    ]);
  });
});
