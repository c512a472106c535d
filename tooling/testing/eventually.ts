/**
 * Polls `probe` every 200 ms until it stops throwing and returns what it returned; after `ms` it
 * throws the probe's last error. Tests wait on a condition with a deadline, never on a fixed sleep.
 */
export async function eventually<T>(probe: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
