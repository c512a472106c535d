import { PGlite } from '@electric-sql/pglite';
import { diffMvpSpecs, MvpSpec, type MvpSpecInput } from '@startup-factory/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_SCHEMA } from '../../../../templates/_web/lib/server/auth/auth-schema';
import { sqlEvolution } from './sql-evolution';
import { sqlMigration } from './sql-migration';

const v1: MvpSpecInput = {
  name: 'Clinic',
  tagline: 't',
  problem: 'p',
  solution: 's',
  entities: [
    { name: 'Doctor', fields: [{ name: 'name', type: 'string' }] },
    {
      name: 'Patient',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'phone', type: 'string', required: false },
        { name: 'doctor', type: 'reference', references: 'Doctor', required: false },
      ],
    },
  ],
  userStories: [{ asA: 'a', iWant: 'b', soThat: 'c' }],
  pages: [{ path: '/', title: 'Home', kind: 'landing' }],
};

const patientFields = (
  spec: MvpSpecInput,
  fields: MvpSpecInput['entities'][number]['fields'],
): MvpSpecInput => ({
  ...spec,
  entities: spec.entities.map((e) => (e.name === 'Patient' ? { ...e, fields } : e)),
});

/** The migration from `from` to `to`, applied to `db` the way the app applies one (one transaction). */
async function evolve(db: PGlite, from: MvpSpecInput, to: MvpSpecInput): Promise<string> {
  const sql = sqlEvolution(MvpSpec.parse(to), MvpSpec.parse(from), diffMvpSpecs(from, to), 2);
  if (!sql) throw new Error('no migration');
  await db.transaction((tx) => tx.exec(sql));
  return sql;
}

describe('sqlEvolution on PGlite with rows present', () => {
  let db: PGlite;
  beforeEach(async () => {
    db = new PGlite();
    await db.exec(AUTH_SCHEMA);
    await db.exec(sqlMigration(MvpSpec.parse(v1)));
    await db.exec(`
      INSERT INTO app_workspaces (name) VALUES ('w');
      INSERT INTO doctors (workspace_id, name) VALUES (1, 'House');
      INSERT INTO patients (workspace_id, name, phone, doctor_id) VALUES (1, 'Ada', NULL, 1), (1, 'Bob', '555', NULL);`);
  });
  afterEach(() => db.close());

  it('renames a column with its data, and makes an optional field required with its backfill', async () => {
    await evolve(
      db,
      v1,
      patientFields(v1, [
        { name: 'name', type: 'string' },
        { name: 'mobile', type: 'string', renamedFrom: 'phone', backfill: 'unknown' },
        { name: 'doctor', type: 'reference', references: 'Doctor', required: false },
      ]),
    );
    const { rows } = await db.query<{ name: string; mobile: string }>(
      'SELECT name, mobile FROM patients ORDER BY id',
    );
    expect(rows).toEqual([
      { name: 'Ada', mobile: 'unknown' },
      { name: 'Bob', mobile: '555' },
    ]);
    await expect(db.exec("INSERT INTO patients (workspace_id, name) VALUES (1, 'Cy')")).rejects.toThrow(
      /null/i,
    );
  });

  it('replaces a changed rule: a longer limit accepts what the old one refused', async () => {
    await expect(
      db.exec(`INSERT INTO patients (workspace_id, name) VALUES (1, '${'x'.repeat(250)}')`),
    ).rejects.toThrow(/check/i);
    await evolve(
      db,
      v1,
      patientFields(v1, [
        { name: 'name', type: 'string', maxLength: 300 },
        { name: 'phone', type: 'string', required: false },
        { name: 'doctor', type: 'reference', references: 'Doctor', required: false },
      ]),
    );
    await db.exec(`INSERT INTO patients (workspace_id, name) VALUES (1, '${'x'.repeat(250)}')`);
    await expect(db.exec(`INSERT INTO patients (workspace_id, name) VALUES (1, '  ')`)).rejects.toThrow(
      /check/i,
    );
  });

  it('changes a delete rule: cascade removes the patients of a deleted doctor', async () => {
    await evolve(
      db,
      v1,
      patientFields(v1, [
        { name: 'name', type: 'string' },
        { name: 'phone', type: 'string', required: false },
        { name: 'doctor', type: 'reference', references: 'Doctor', required: false, onDelete: 'cascade' },
      ]),
    );
    await db.exec('DELETE FROM doctors WHERE id = 1');
    const { rows } = await db.query<{ name: string }>('SELECT name FROM patients ORDER BY id');
    expect(rows).toEqual([{ name: 'Bob' }]);
  });

  it('adds a table whose reference points at an existing one', async () => {
    const sql = await evolve(db, v1, {
      ...v1,
      entities: [
        ...v1.entities,
        { name: 'Visit', fields: [{ name: 'patient', type: 'reference', references: 'Patient' }] },
      ],
    });
    expect(sql).toMatch(/CREATE TABLE "visits"/);
    await db.exec('INSERT INTO visits (workspace_id, patient_id) VALUES (1, 1)');
    await expect(db.exec('INSERT INTO visits (workspace_id, patient_id) VALUES (1, 99)')).rejects.toThrow(
      /foreign key/i,
    );
  });
});

it('writes no migration when only words change', () => {
  const to = { ...v1, tagline: 'new words' };
  expect(sqlEvolution(MvpSpec.parse(to), MvpSpec.parse(v1), diffMvpSpecs(v1, to), 2)).toBeNull();
});
