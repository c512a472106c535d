import { describe, expect, it } from 'vitest';
import { PHASES, PhaseKey } from './schemas/phase';
import { isOutputSchemaName } from './schemas/phase-outputs';
import { PHASE_REGISTRY, phaseAfter, phaseProgress } from './schemas/phase-registry';
import { canTransition, RESUMABLE_STATUSES, StartupStatus } from './schemas/startup-status';

describe('PHASE_REGISTRY', () => {
  it('names each phase once, as a valid phase key, and PHASES follows its order', () => {
    const names = PHASE_REGISTRY.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(PhaseKey.safeParse(name).success, name).toBe(true);
    expect([...PHASES]).toEqual(names);
  });

  it('gives AI phases output schemas and documents, and steps no schemas', () => {
    for (const phase of PHASE_REGISTRY) {
      if (phase.kind === 'ai') {
        expect(phase.outputSchemas.length, phase.name).toBeGreaterThan(0);
        expect(phase.documents.length, phase.name).toBeGreaterThan(0);
      } else {
        expect(phase.outputSchemas, phase.name).toEqual([]);
      }
      for (const schema of phase.outputSchemas) expect(isOutputSchemaName(schema), schema).toBe(true);
    }
  });
});

describe('phaseProgress and phaseAfter', () => {
  it('count the phases behind a startup by name; null is every phase done', () => {
    expect(phaseProgress('founder_analysis')).toEqual({ phase: 'founder_analysis', done: 0, count: 7 });
    expect(phaseProgress('mvp_spec')).toEqual({ phase: 'mvp_spec', done: 2, count: 7 });
    expect(phaseProgress(null)).toEqual({ phase: 'done', done: 7, count: 7 });
    expect(phaseProgress('removed_phase')).toEqual({ phase: 'removed_phase', done: 0, count: 7 });
    expect(phaseAfter('mvp_spec')).toBe('architecture');
    expect(phaseAfter('deploy')).toBeNull();
  });

  it('follow the registry they are given', () => {
    const registry = [...PHASE_REGISTRY.slice(0, 3), { ...PHASE_REGISTRY[0], name: 'legal_review' }];
    expect(phaseProgress('legal_review', registry)).toEqual({ phase: 'legal_review', done: 3, count: 4 });
    expect(phaseAfter('mvp_spec', registry)).toBe('legal_review');
  });
});

describe('RESUMABLE_STATUSES', () => {
  it('are the statuses the transition table lets move to running, approval aside', () => {
    expect([...RESUMABLE_STATUSES].sort()).toEqual(['created', 'failed', 'paused', 'resumable']);
    for (const status of StartupStatus.options) {
      if (RESUMABLE_STATUSES.includes(status)) expect(canTransition(status, 'running'), status).toBe(true);
    }
    expect(RESUMABLE_STATUSES).not.toContain('awaiting_approval');
  });
});
