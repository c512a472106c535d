import { MvpSpec } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { contentModule, fieldLabel, navigation } from './entity-definitions';

const spec = MvpSpec.parse({
  name: 'Shop',
  tagline: 't',
  problem: 'p',
  solution: 's',
  entities: [
    { name: 'Product', fields: [{ name: 'title', type: 'string' }] },
    { name: 'Category', fields: [{ name: 'label', type: 'string' }] },
  ],
  userStories: [{ asA: 'buyer', iWant: 'to browse', soThat: 'I buy', entity: 'Product' }],
  pages: [
    { path: '/', title: 'Welcome', kind: 'landing' },
    { path: '/products/add', title: 'Add a product', kind: 'form', entity: 'Product' },
    { path: '/catalog', title: 'Catalog', kind: 'list', entity: 'Product' },
    { path: '/stats', title: 'Stats', kind: 'dashboard' },
  ],
});

describe('navigation', () => {
  it("maps the spec's pages onto generated routes and keeps every entity list reachable", () => {
    expect(navigation(spec)).toEqual([
      { title: 'Welcome', href: '/' },
      { title: 'Add a product', href: '/products/new' },
      { title: 'Catalog', href: '/products' },
      { title: 'Stats', href: '/dashboard' },
      { title: 'Categories', href: '/categories' },
    ]);
  });

  it('is part of the generated content module', () => {
    expect(
      contentModule(spec, {
        headline: 'h',
        tagline: 't',
        heroCopy: 'c',
        features: [{ title: 'f', description: 'd' }],
        callToAction: 'go',
        entityDescriptions: {},
        draftedOffline: false,
      }),
    ).toContain('"href": "/products/new"');
  });

  it("names only what the app has on the landing page: a card per entity, not the copy's feature list", () => {
    const content = contentModule(spec, {
      headline: 'h',
      tagline: 't',
      heroCopy: 'c',
      features: [{ title: 'Online payments', description: 'not in this app' }],
      callToAction: 'go',
      entityDescriptions: { Product: 'What the shop sells.' },
      draftedOffline: false,
    });
    expect(content).not.toContain('Online payments');
    expect(content).toContain('"title": "Products"');
    expect(content).toContain('"description": "What the shop sells."');
    expect(content).toContain('"title": "Categories"');
  });
});

describe('fieldLabel', () => {
  it('reads units and reference ids as a person would', () => {
    expect(['feeUsd', 'weightKg', 'patientId', 'dueDate', 'stopCount'].map(fieldLabel)).toEqual([
      'Fee (USD)',
      'Weight (kg)',
      'Patient',
      'Due date',
      'Stop count',
    ]);
  });
});
