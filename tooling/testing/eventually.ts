import { scaled } from './time-scale';

/**
 * Polls `probe` every 200 ms until it stops throwing and returns what it returned; after `ms`
 * (sized for a quiet machine, and stretched by the test time scale; see time-scale.ts) it throws
 * the probe's last error. Tests wait on a condition with a deadline, never on a fixed sleep.
 */
export async function eventually<T>(probe: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + scaled(ms);
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
