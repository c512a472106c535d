import { defineConfig } from 'vitest/config';

// The app's own tests: the JSON API against a fresh embedded database, and a click-through in Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Both suites start databases (and the browser test a server): one file at a time on small machines.
    fileParallelism: false,
  },
});
