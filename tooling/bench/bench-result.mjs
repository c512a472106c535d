// Shared by every package's benchmarks: build result rows and write them where the root
// harness collects them. A row compares two things measured in the same run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {{ name: string, metric: string, unit: string, value: number, baseline: number,
 *           goal: { maxRatio?: number, minRatio?: number }, note?: string }} row
 */
export function benchResult({ name, metric, unit, value, baseline, goal, note }) {
  const ratio = baseline === 0 ? Number.POSITIVE_INFINITY : value / baseline;
  const pass =
    Number.isFinite(ratio) &&
    (goal.maxRatio === undefined || ratio <= goal.maxRatio) &&
    (goal.minRatio === undefined || ratio >= goal.minRatio);
  const goalText = [
    goal.minRatio !== undefined ? `ratio >= ${goal.minRatio}` : null,
    goal.maxRatio !== undefined ? `ratio <= ${goal.maxRatio}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    name,
    metric,
    unit,
    value: round(value),
    baseline: round(baseline),
    ratio: round(ratio),
    goal: goalText,
    pass,
    ...(note ? { note } : {}),
  };
}

/** Writes `bench-results.json` in the package folder for the root harness to collect. */
export function writeBenchResults(packageDir, rows) {
  writeFileSync(join(packageDir, 'bench-results.json'), `${JSON.stringify(rows, null, 2)}\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.pass ? 'PASS' : 'FAIL'} ${r.name}: ${r.metric} ${r.value} ${r.unit} vs ${r.baseline} (ratio ${r.ratio}; goal ${r.goal})\n`,
    );
  }
}

function round(n) {
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n;
}
