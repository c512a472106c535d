import { describe, expect, it } from 'vitest';
import { describePassedSteps, stepNotRun, type ValidationStep } from './index';

const step = (name: ValidationStep['name'], detail: string, ok = true): ValidationStep => ({
  name,
  ok,
  durationMs: 1,
  detail,
});

describe('describePassedSteps', () => {
  it('lists a step that did not run as skipped with its reason, never as passed', () => {
    const install = step(
      'install',
      'install skipped: node_modules were installed from this very package.json',
    );
    expect(stepNotRun(install)).toBe('node_modules were installed from this very package.json');
    expect(describePassedSteps([install, step('build', 'npm run build'), step('test', 'npm test')])).toBe(
      'passed build, test (install skipped: node_modules were installed from this very package.json)',
    );
  });

  it('counts a step that ran but skipped some of its checks as run (those are reported by the step)', () => {
    const test = { ...step('test', 'npm test'), skipped: ['no Chromium found'] };
    expect(stepNotRun(test)).toBeUndefined();
    expect(describePassedSteps([step('install', 'npm ci'), test])).toBe('passed install, test');
  });
});
