import { defineConfig } from 'vitest/config';

// The app's own tests: the JSON API against a fresh embedded database, and a click-through in Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Opening an embedded database and hashing the test accounts' passwords take seconds on a small, busy machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Both suites start databases (and the browser test a server): one file at a time on small machines.
    fileParallelism: false,
  },
});
