import { type ChangeNotUnderstoodError, hasErrorCode, MvpSpec } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { reviseSpecOffline } from './spec-reviser';

const SPEC = MvpSpec.parse({
  name: 'Crewly',
  tagline: 'Jobs and crews for small contractors',
  problem: 'Contractors lose track of jobs.',
  solution: 'One list of customers and their tasks.',
  entities: [
    {
      name: 'Customer',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'email', type: 'email' },
      ],
    },
    {
      name: 'Task',
      fields: [
        { name: 'title', type: 'string' },
        { name: 'customer', type: 'reference', references: 'Customer' },
      ],
    },
  ],
  userStories: [
    { asA: 'site manager', iWant: 'to record a task', soThat: 'nothing is forgotten', entity: 'Task' },
  ],
  pages: [
    { path: '/', title: 'Crewly', kind: 'landing' },
    { path: '/tasks', title: 'Tasks', kind: 'list', entity: 'Task' },
  ],
});

const entity = (spec: MvpSpec, name: string) => spec.entities.find((e) => e.name === name);
const field = (spec: MvpSpec, entityName: string, fieldName: string) =>
  entity(spec, entityName)?.fields.find((f) => f.name === fieldName);

function refusal(change: string): ChangeNotUnderstoodError {
  try {
    reviseSpecOffline(SPEC, change);
  } catch (error) {
    expect(hasErrorCode(error, 'CHANGE_NOT_UNDERSTOOD'), String(error)).toBe(true);
    return error as ChangeNotUnderstoodError;
  }
  throw new Error(`"${change}" was applied; it should have been refused`);
}

describe('reviseSpecOffline: changes it applies', () => {
  it('adds an entity with typed fields and a reference, its pages and stories, marked as drafted offline', () => {
    const next = reviseSpecOffline(
      SPEC,
      'Add an entity Invoice with amount (number), due date (date) and a reference to Customer',
    );
    expect(entity(next, 'Invoice')?.fields).toEqual([
      expect.objectContaining({ name: 'amount', type: 'number', required: true }),
      expect.objectContaining({ name: 'dueDate', type: 'date', required: true }),
      expect.objectContaining({
        name: 'customer',
        type: 'reference',
        references: 'Customer',
        required: true,
      }),
    ]);
    expect(next.pages).toContainEqual(
      expect.objectContaining({ path: '/invoices', kind: 'list', entity: 'Invoice' }),
    );
    expect(next.userStories.filter((s) => s.entity === 'Invoice').length).toBeGreaterThan(0);
    expect(next.draftedOffline).toBe(true);
    expect(next.entities.slice(0, 2)).toEqual(SPEC.entities);
  });

  it('adds a required field with its default to an entity that has rows', () => {
    const next = reviseSpecOffline(SPEC, "add a required field priority (text, default 'normal') to Task");
    expect(field(next, 'Task', 'priority')).toMatchObject({
      type: 'text',
      required: true,
      default: 'normal',
    });
  });

  it('reads plural, lowercase entity names and the "Invoices entity" order', () => {
    const next = reviseSpecOffline(
      SPEC,
      'please create a new line items table with quantity (integer) and unit price',
    );
    expect(entity(next, 'LineItem')?.fields.map((f) => [f.name, f.type])).toEqual([
      ['quantity', 'integer'],
      ['unitPrice', 'number'],
    ]);
    const after = reviseSpecOffline(SPEC, 'Add a Supplier entity.');
    expect(entity(after, 'Supplier')?.fields).toEqual([
      expect.objectContaining({ name: 'name', type: 'string' }),
    ]);
  });

  it('adds an optional field to customers when the change does not say required', () => {
    const next = reviseSpecOffline(SPEC, 'add a phone number field to customers');
    expect(field(next, 'Customer', 'phoneNumber')).toMatchObject({ type: 'string', required: false });
  });

  it('reads an enum with its choices and default, and "give X a …"', () => {
    const next = reviseSpecOffline(
      SPEC,
      "give Task a status field (one of open, in progress, done, default 'open')",
    );
    expect(field(next, 'Task', 'status')).toMatchObject({
      type: 'enum',
      enumValues: ['open', 'in_progress', 'done'],
      default: 'open',
      required: true,
    });
  });

  it('adds a page without an entity as a dashboard, and an entity list page at a given path', () => {
    const reports = reviseSpecOffline(SPEC, 'Add a page Reports');
    expect(reports.pages).toContainEqual({ path: '/reports', title: 'Reports', kind: 'dashboard' });
    const list = reviseSpecOffline(SPEC, 'add a list page Open tasks at /tasks/open for Task');
    expect(list.pages).toContainEqual({
      path: '/tasks/open',
      title: 'Open tasks',
      kind: 'list',
      entity: 'Task',
    });
  });

  it('reads an entity with a trailing reference, not as fields of the referenced entity', () => {
    const next = reviseSpecOffline(
      SPEC,
      'Add Projects with a name, a budget (number) and a reference to Customer.',
    );
    expect(entity(next, 'Customer')).toEqual(entity(SPEC, 'Customer'));
    expect(entity(next, 'Project')?.fields.map((f) => [f.name, f.type, f.references])).toEqual([
      ['name', 'string', undefined],
      ['budget', 'number', undefined],
      ['customer', 'reference', 'Customer'],
    ]);
  });

  it('reads "a pricing page", "enum: a, b, c" and a field named for an entity as a reference to it', () => {
    expect(reviseSpecOffline(SPEC, 'add a pricing page').pages).toContainEqual({
      path: '/pricing',
      title: 'Pricing',
      kind: 'dashboard',
    });
    const priority = reviseSpecOffline(SPEC, 'add a field priority (enum: low, medium, high) to Task');
    expect(field(priority, 'Task', 'priority')).toMatchObject({
      type: 'enum',
      enumValues: ['low', 'medium', 'high'],
    });
    const latest = reviseSpecOffline(SPEC, 'add a task field to Customer');
    expect(field(latest, 'Customer', 'task')).toMatchObject({
      type: 'reference',
      references: 'Task',
      required: false,
    });
  });

  it('adds a user story and links it to the entity it names', () => {
    const next = reviseSpecOffline(
      SPEC,
      'Add a story: as a site manager, I want to see overdue tasks, so that I can call the customer',
    );
    expect(next.userStories.at(-1)).toEqual({
      asA: 'site manager',
      iWant: 'to see overdue tasks',
      soThat: 'I can call the customer',
      entity: 'Task',
    });
  });

  it('applies several clauses in order, a later one referring to an entity an earlier one added', () => {
    const next = reviseSpecOffline(
      SPEC,
      'Add an entity Invoice with amount (number) and a reference to Customer; then add a field paid (boolean, default false) to Invoice. Also add a page Billing.',
    );
    expect(field(next, 'Invoice', 'paid')).toMatchObject({ type: 'boolean', default: false, required: true });
    expect(next.pages.map((p) => p.path)).toContain('/billing');
  });
});

describe('reviseSpecOffline: changes it refuses, with a typed error and nothing applied', () => {
  it.each([
    ['a wish it cannot read', 'make it feel more premium'],
    ['a removal, which would lose data', 'remove the email field from Customer'],
    ['a rename', 'rename Task to Job'],
    ['a reference to an entity the spec lacks', 'add an entity Invoice with a reference to Vendor'],
    [
      'a required field without a default on an entity with rows',
      'add a required field priority (text) to Task',
    ],
    ['a field on an entity the spec lacks', 'add a field colour (string) to Vehicle'],
    ['an unknown field type', 'add an entity Invoice with amount (money bags)'],
    ['a field the entity already has', 'add a field title (string) to Task'],
    ['an entity the spec already has', 'add an entity Customer with name (string)'],
    ['a page at a path that is taken', 'add a page Tasks'],
    ['a reserved field name', 'add an entity Invoice with id (integer)'],
    ['a default of the wrong type', 'add a field budget (number, default lots) to Task'],
    [
      'an entity "linked to" another, rather than a field of that one',
      'add an Invoice entity linked to Customer',
    ],
  ])('refuses %s', (_, change) => {
    const error = refusal(change);
    expect(error.message).toContain('Nothing was changed');
    expect(error.message).toMatch(/--spec/);
    expect(error.change).toBe(change);
  });

  it('refuses the whole change when one clause of several cannot be read', () => {
    const error = refusal('add a page Reports; and make the logo bigger');
    expect(error.message).toContain('make the logo bigger');
  });

  it('says why a required field needs a default', () => {
    expect(refusal('add a required field priority (text) to Task').message).toContain('needs a default');
  });
});
