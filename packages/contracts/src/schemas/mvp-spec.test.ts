import { describe, expect, it } from 'vitest';
import { EntityField } from './mvp-spec';
import { SpecRevisionInput } from './spec-revision';
import { GenerationRecord, TemplateInfo } from './template';

const problemOf = (field: unknown) => {
  const parsed = EntityField.safeParse(field);
  return parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('EntityField.default', () => {
  it('accepts a default of the field type: text, number, boolean and one of an enum', () => {
    expect(problemOf({ name: 'priority', type: 'text', default: 'normal' })).toBeNull();
    expect(problemOf({ name: 'seats', type: 'integer', default: 2 })).toBeNull();
    expect(problemOf({ name: 'paid', type: 'boolean', default: false })).toBeNull();
    expect(
      problemOf({ name: 'status', type: 'enum', enumValues: ['open', 'done'], default: 'open' }),
    ).toBeNull();
  });

  it.each([
    [{ name: 'seats', type: 'integer', default: 2.5 }, 'whole number'],
    [{ name: 'amount', type: 'number', default: 'lots' }, 'needs a number'],
    [{ name: 'paid', type: 'boolean', default: 'yes' }, 'true or false'],
    [{ name: 'status', type: 'enum', enumValues: ['open'], default: 'closed' }, 'not one of the enumValues'],
    [{ name: 'owner', type: 'reference', references: 'Customer', default: 'x' }, 'takes no default'],
    [{ name: 'title', type: 'string', default: 3 }, 'needs a string'],
  ])('refuses %j at default', (field, message) => {
    expect(problemOf(field)).toMatch(new RegExp(`^default: .*${message}`));
  });
});

describe('the records of a spec revision and a render', () => {
  it('refuses a blank change', () => {
    const parsed = SpecRevisionInput.safeParse({ spec: {}, change: '  ' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('change');
  });

  it('takes semantic template versions only, and lists a template without one as 0.0.0', () => {
    expect(
      GenerationRecord.safeParse({ template: 'reactnext', templateVersion: '1.2.0', specVersion: 1 }).success,
    ).toBe(true);
    expect(
      GenerationRecord.safeParse({ template: 'reactnext', templateVersion: 'v1', specVersion: 1 }).success,
    ).toBe(false);
    expect(
      GenerationRecord.safeParse({ template: 'reactnext', templateVersion: '1.0.0', specVersion: 0 }).success,
    ).toBe(false);
    const info = TemplateInfo.parse({
      name: 'mine',
      description: '',
      framework: 'none',
      requiredPorts: 1,
      resourceRequirements: {},
    });
    expect(info.version).toBe('0.0.0');
  });
});
