import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real SQLite files and a real browser: give slow machines room, never assert timings.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.CI_SUMMARY_FILE
      ? ['default', ['json', { outputFile: process.env.CI_SUMMARY_FILE }]]
      : ['default'],
  },
});
