import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the worker bundles once per run: tests start the app's real worker artefacts, fast.
    globalSetup: ['test/setup/worker-bundles.ts'],
    // Real SQLite files and a real browser: give slow machines room, never assert timings.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest runs one file at a time on a 2-core machine by default (cores − 1); the end-to-end files
    // mostly wait on Chromium and the server, so two at once nearly halves the wall time.
    maxWorkers: 2,
    reporters: process.env.CI_SUMMARY_FILE
      ? ['default', ['json', { outputFile: process.env.CI_SUMMARY_FILE }]]
      : ['default'],
  },
});
