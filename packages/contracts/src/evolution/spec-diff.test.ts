import { describe, expect, it } from 'vitest';
import { SpecChangeRefusedError } from '../errors/spec-change-refused-error';
import type { MvpSpecInput } from '../schemas/mvp-spec';
import { diffMvpSpecs, isEmptySpecDiff, specDiffChangesSchema } from './spec-diff';

const base: MvpSpecInput = {
  name: 'Clinic',
  tagline: 'Appointments',
  problem: 'Paper calendars',
  solution: 'An app',
  entities: [
    {
      name: 'Patient',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'phone', type: 'string', required: false },
      ],
    },
  ],
  userStories: [{ asA: 'nurse', iWant: 'to list patients', soThat: 'I can call them' }],
  pages: [{ path: '/', title: 'Home', kind: 'landing' }],
};

const evolved = (change: (spec: MvpSpecInput) => void): MvpSpecInput => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

function refusal(to: MvpSpecInput): SpecChangeRefusedError {
  try {
    diffMvpSpecs(base, to);
  } catch (error) {
    if (SpecChangeRefusedError.isInstance(error)) return error as SpecChangeRefusedError;
    throw error;
  }
  throw new Error('the change was not refused');
}

describe('diffMvpSpecs', () => {
  it('finds nothing between a spec and itself', () => {
    const diff = diffMvpSpecs(base, base);
    expect(isEmptySpecDiff(diff)).toBe(true);
    expect(specDiffChangesSchema(diff)).toBe(false);
  });

  it('lists a new entity, its reference, its pages and stories', () => {
    const diff = diffMvpSpecs(
      base,
      evolved((s) => {
        s.entities.push({
          name: 'Visit',
          fields: [
            { name: 'reason', type: 'text' },
            { name: 'patient', type: 'reference', references: 'Patient' },
          ],
        });
        s.pages.push({ path: '/visits', title: 'Visits', kind: 'list', entity: 'Visit' });
        s.userStories.push({
          asA: 'doctor',
          iWant: 'to log a visit',
          soThat: 'history is kept',
          entity: 'Visit',
        });
      }),
    );
    expect(diff.addedEntities.map((e) => e.name)).toEqual(['Visit']);
    expect(diff.addedReferences).toEqual([{ entity: 'Visit', field: 'patient', references: 'Patient' }]);
    expect(diff.pages.added.map((p) => p.path)).toEqual(['/visits']);
    expect(diff.stories.added).toHaveLength(1);
    expect(specDiffChangesSchema(diff)).toBe(true);
  });

  it('accepts a new required field that states its backfill, and a rename that says renamedFrom', () => {
    const diff = diffMvpSpecs(
      base,
      evolved((s) => {
        const fields = s.entities[0]?.fields ?? [];
        fields.push({ name: 'insured', type: 'boolean', backfill: false });
        fields[1] = { name: 'mobile', type: 'string', required: false, renamedFrom: 'phone' };
      }),
    );
    expect(diff.addedFields.map((f) => [f.field.name, f.field.backfill])).toEqual([['insured', false]]);
    expect(diff.renamedFields).toEqual([{ entity: 'Patient', from: 'phone', to: 'mobile' }]);
  });

  it('refuses, with what to write instead, every change that would lose data', () => {
    const error = refusal(
      evolved((s) => {
        const patient = s.entities[0];
        if (!patient) throw new Error('no entity');
        patient.fields = [
          { name: 'name', type: 'text' },
          { name: 'age', type: 'integer' },
        ];
      }),
    );
    expect(error.code).toBe('SPEC_CHANGE_REFUSED');
    const byPath = Object.fromEntries(error.changes.map((c) => [c.path, c.message]));
    expect(byPath['Patient.name']).toMatch(/changes type from string to text/);
    expect(byPath['Patient.age']).toMatch(/needs "backfill"/);
    expect(byPath['Patient.phone']).toMatch(/renamedFrom/);
  });

  it('refuses a removed entity, a required reference added to existing rows and making a field required without backfill', () => {
    const withDoctor = evolved((s) => {
      s.entities.push({ name: 'Doctor', fields: [{ name: 'name', type: 'string' }] });
    });
    const withoutDoctor = structuredClone(base);
    expect(() => diffMvpSpecs(withDoctor, withoutDoctor)).toThrow(/Doctor: is removed/);
    const error = refusal(
      evolved((s) => {
        s.entities.push({ name: 'Doctor', fields: [{ name: 'name', type: 'string' }] });
        const fields = s.entities[0]?.fields ?? [];
        fields.push({ name: 'doctor', type: 'reference', references: 'Doctor' });
        fields[1] = { name: 'phone', type: 'string', required: true };
      }),
    );
    expect(error.changes.map((c) => c.path).sort()).toEqual(['Patient.doctor', 'Patient.phone']);
  });

  it('refuses a backfill of the wrong type through the spec schema, naming the field path', () => {
    expect(() =>
      diffMvpSpecs(
        base,
        evolved((s) => {
          s.entities[0]?.fields.push({ name: 'visits', type: 'integer', backfill: 'many' });
        }),
      ),
    ).toThrow(/entities\.0\.fields\.2\.backfill: an integer field needs a whole number/);
  });

  it('lists changed database rules (a new enum value, a new limit) as changed fields', () => {
    const diff = diffMvpSpecs(
      base,
      evolved((s) => {
        const fields = s.entities[0]?.fields ?? [];
        fields[0] = { name: 'name', type: 'string', maxLength: 80 };
      }),
    );
    expect(diff.changedFields.map((c) => [c.entity, c.after.name, c.after.maxLength])).toEqual([
      ['Patient', 'name', 80],
    ]);
  });
});
