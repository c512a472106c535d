/**
 * How many times slower than a quiet developer machine the tests may run. Every fixed deadline a
 * test sets (its timeout, a wait for a condition, a child process's time limit) goes through
 * `scaled`, so one number sizes them all for the machine: `SF_TEST_TIME_SCALE`, which CI or a
 * loaded machine sets (for example 4 beside two CPU-bound processes on two cores), else 2.
 * Deadlines only bound how long a test may wait; no test waits them out on success.
 */
export const DEFAULT_TEST_TIME_SCALE = 2;

/** The scale from `SF_TEST_TIME_SCALE` (a number >= 1); a bad value is an error, not ignored. */
export function testTimeScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SF_TEST_TIME_SCALE;
  if (raw === undefined || raw.trim() === '') return DEFAULT_TEST_TIME_SCALE;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale < 1) {
    throw new Error(
      `SF_TEST_TIME_SCALE must be a number >= 1 (how many times slower than a quiet machine tests may run), got "${raw}".`,
    );
  }
  return scale;
}

/** `ms` (a deadline sized for a quiet machine) times the test time scale, rounded up. */
export function scaled(ms: number): number {
  return Math.ceil(ms * testTimeScale());
}
