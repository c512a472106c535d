import type { CodeSlots, MvpSpecInput } from '@startup-factory/contracts';

/** Text that would break out of a string, a template, a path or a script if spliced in as code. */
export const HOSTILE = `'"\`\${process.exit(1)} {{ cookiecutter.port }} {% raw %}{# </script><script> ../../etc \\ $n \\'`;

export const hostileSpec = (): MvpSpecInput => ({
  name: `Evil ${HOSTILE}`,
  tagline: HOSTILE,
  problem: HOSTILE,
  solution: HOSTILE,
  entities: [
    {
      name: 'Customer',
      description: HOSTILE,
      fields: [
        { name: 'title', type: 'string', description: HOSTILE },
        { name: 'is', type: 'boolean' },
        { name: 'tier', type: 'enum', enumValues: ['free', 'pro'] },
      ],
    },
    { name: 'String', description: HOSTILE, fields: [{ name: 'value', type: 'text' }] },
    { name: 'Category', fields: [{ name: 'label', type: 'string' }] },
  ],
  userStories: [{ asA: HOSTILE, iWant: HOSTILE, soThat: HOSTILE }],
  pages: [{ path: '/', title: HOSTILE, kind: 'landing' }],
});

export const hostileSlots: CodeSlots = {
  headline: HOSTILE.slice(0, 120),
  tagline: HOSTILE,
  heroCopy: HOSTILE,
  features: [{ title: HOSTILE.slice(0, 80), description: HOSTILE }],
  callToAction: `Go ' " \${x}`,
  entityDescriptions: { Customer: HOSTILE },
  draftedOffline: false,
};

/** A template's sample spec with hostile text in every free-text field; names stay as they are. */
export function withHostileText(sample: MvpSpecInput): MvpSpecInput {
  return {
    ...sample,
    tagline: HOSTILE,
    problem: HOSTILE,
    solution: HOSTILE,
    entities: sample.entities.map((e) => ({
      ...e,
      description: HOSTILE,
      fields: e.fields.map((f) => ({ ...f, description: HOSTILE })),
    })),
    userStories: sample.userStories.map((s) => ({ ...s, asA: HOSTILE, iWant: HOSTILE, soThat: HOSTILE })),
  };
}
