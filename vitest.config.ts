import { defineConfig } from 'vitest/config';

// One run checks everything: pure units, the server on both storage engines, and the web app
// in Chromium. Projects only differ in what they include and how long a test may take.
export default defineConfig({
  test: {
    // The suites mostly wait (on servers, databases, browsers): three files at a time keep two
    // cores busy, where one file per core would leave them idle.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts'],
          exclude: ['packages/*/test/**/*.integration.test.ts', 'packages/*/test/**/*.browser.test.ts'],
          // The randomised tree and fuzz properties share two cores with the integration suites.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.integration.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['packages/*/test/**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
