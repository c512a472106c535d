import { describe, expect, it } from 'vitest';
import type { StartupEvolveResult } from '../startup-evolution';
import { describeOutcome } from './evolve-output';

const plan = {
  fromGeneration: 1,
  toGeneration: 2,
  diff: {
    addedEntities: [],
    addedFields: [],
    renamedFields: [],
    changedFields: [],
    addedReferences: [],
    pages: { added: [], removed: [], changed: [] },
    stories: { added: [], removed: [] },
    copyChanged: false,
  },
  files: [],
  migration: null,
};

const step = (name: string, detail: string) => ({ name, ok: true, durationMs: 5, detail });

describe('describeOutcome of an applied evolve', () => {
  it('names an install the gate skipped as skipped, with why, not among the steps that passed', () => {
    const result = {
      status: 'evolved',
      plan,
      generation: { generation: 2 },
      gate: [
        step(
          'install',
          'install skipped: node_modules were installed from this very package.json and pnpm-lock.yaml',
        ),
        step('build', 'npm run build'),
        step('test', 'npm test'),
        step('start', 'npm start'),
        step('health', 'GET /api/health'),
      ],
      keptEdits: [],
      rollout: null,
      specDraftedOffline: false,
    } as unknown as StartupEvolveResult;
    const text = describeOutcome(result, 'route-mate');
    expect(text).toContain(
      'route-mate: generation 2 passed build, test, start, health (install skipped: node_modules were installed from this very package.json and pnpm-lock.yaml) and replaced the project.',
    );
    expect(text).not.toContain('passed install');
  });
});
