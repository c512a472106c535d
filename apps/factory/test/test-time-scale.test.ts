import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_TIME_SCALE, testTimeScale } from '../../../tooling/testing/time-scale';

describe('the test time scale every test deadline goes through', () => {
  it('is generous by default and follows SF_TEST_TIME_SCALE, which CI sets', () => {
    expect(testTimeScale({})).toBe(DEFAULT_TEST_TIME_SCALE);
    expect(DEFAULT_TEST_TIME_SCALE).toBeGreaterThanOrEqual(2);
    expect(testTimeScale({ SF_TEST_TIME_SCALE: '4' })).toBe(4);
    expect(testTimeScale({ SF_TEST_TIME_SCALE: '1.5' })).toBe(1.5);
  });

  it('refuses a value that would shrink or void every deadline, rather than ignoring it', () => {
    for (const bad of ['0', '0.5', '-2', 'fast', 'Infinity']) {
      expect(() => testTimeScale({ SF_TEST_TIME_SCALE: bad }), bad).toThrow(
        /SF_TEST_TIME_SCALE must be a number >= 1/,
      );
    }
  });
});
