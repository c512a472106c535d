import { describe, expect, it } from 'vitest';
import { briefFor, GENERIC_BRIEF, hasOwnBrief } from './task-briefs';

describe('briefFor', () => {
  it('gives each of the factory task types its own brief', () => {
    for (const type of ['founder_analysis', 'market_research.pricing', 'mvp_spec', 'spec_revision']) {
      expect(hasOwnBrief(type), type).toBe(true);
      expect(briefFor(type), type).not.toBe(GENERIC_BRIEF);
    }
  });

  it("gives a sub-task of a known kind its kind's brief", () => {
    expect(hasOwnBrief('market_research.swot')).toBe(false);
    expect(briefFor('market_research.swot')).toBe(briefFor('market_research'));
  });

  it('gives a task type of a phase a plugin added the generic brief, by choice: its own prompt says what to do', () => {
    expect(hasOwnBrief('legal_review')).toBe(false);
    expect(briefFor('legal_review')).toBe(GENERIC_BRIEF);
    expect(GENERIC_BRIEF.goal).toMatch(/the task in the user message/);
    // Inherited keys of a plain object are not briefs.
    expect(briefFor('constructor')).toBe(GENERIC_BRIEF);
    expect(briefFor('toString.x')).toBe(GENERIC_BRIEF);
  });
});
