export interface WarmUpTask {
  name: string;
  /** Parses templates, loads catalogues, opens a pool: whatever the first startup would pay for. */
  run: () => unknown | Promise<unknown>;
}

export interface WarmUpReport {
  ok: boolean;
  durationMs: number;
  tasks: Array<{ name: string; ok: boolean; durationMs: number; error?: string }>;
}

/**
 * Runs warm-up tasks at once on start so the first startup is not slower than the next. A failing
 * task is reported, never thrown: warming up is an optimisation, not a precondition.
 */
export async function warmUp(tasks: WarmUpTask[], clock: () => number = performance.now.bind(performance)) {
  const started = clock();
  const results = await Promise.all(
    tasks.map(async (task) => {
      const t0 = clock();
      try {
        await task.run();
        return { name: task.name, ok: true, durationMs: clock() - t0 };
      } catch (error) {
        return { name: task.name, ok: false, durationMs: clock() - t0, error: (error as Error).message };
      }
    }),
  );
  const report: WarmUpReport = {
    ok: results.every((r) => r.ok),
    durationMs: clock() - started,
    tasks: results,
  };
  return report;
}
