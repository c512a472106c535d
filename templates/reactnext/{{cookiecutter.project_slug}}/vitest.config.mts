import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Opening an embedded database takes seconds on a small machine, and minutes on a loaded one
    // (a CI runner beside other jobs): generous limits, so only a hang fails.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // The API tests and the browser test each start a database; one file at a time keeps the machine responsive.
    fileParallelism: false,
  },
});
