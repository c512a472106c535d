import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { scaled } from './testing/time-scale.ts';

/**
 * Shared vitest settings. Two cores: run files in at most two forks, and write a JSON
 * report per package so the root can count passed/failed/skipped across the workspace. Every
 * file starts without the caller's FACTORY_* / provider-key settings (vitest.setup.ts). The default
 * test and hook timeouts are sized for a quiet machine and stretched by SF_TEST_TIME_SCALE
 * (testing/time-scale.ts), as every deadline a test sets itself is.
 */
export function vitestPreset(options: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: scaled(options.testTimeout ?? 120_000),
      hookTimeout: scaled(180_000),
      pool: 'forks',
      maxWorkers: 2,
      passWithNoTests: true,
      setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
    },
  });
}
