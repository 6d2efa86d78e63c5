import { defineConfig } from 'vitest/config';

const E2E = 'test/e2e/**/*.test.ts';

export default defineConfig({
  test: {
    // Builds the worker bundles once per run: tests start the app's real worker artefacts, fast.
    globalSetup: ['test/setup/worker-bundles.ts'],
    // Real SQLite files and a real browser: give slow machines room, never assert timings.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest runs one file at a time on a 2-core machine by default (cores − 1). Unit, integration and
    // render files run two at once; the Chromium files then run one at a time: two browsers on two
    // busy cores made antd selects lose picks now and then (a 支部党员大会 record in the 发展党员
    // form, a task's status in 支委分工) — KNOWN ISSUE, to be found; see the closing note of 2026-11-23.
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/**/*.test.ts'],
          exclude: [E2E],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: [E2E], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
    reporters: process.env.CI_SUMMARY_FILE
      ? ['default', ['json', { outputFile: process.env.CI_SUMMARY_FILE }]]
      : ['default'],
  },
});
