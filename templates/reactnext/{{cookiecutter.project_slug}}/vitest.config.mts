import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Opening an embedded database takes seconds on a small, busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The API tests and the browser test each start a database; one file at a time keeps the machine responsive.
    fileParallelism: false,
  },
});
