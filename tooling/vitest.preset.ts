import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings. Two cores: run files in at most two forks, and write a JSON
 * report per package so the root can count passed/failed/skipped across the workspace.
 */
export function vitestPreset(options: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 60_000,
      pool: 'forks',
      maxWorkers: 2,
      passWithNoTests: true,
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
    },
  });
}
