import { defineConfig } from 'vitest/config';

// One run checks everything: pure units, the server on both storage engines, and the web app
// in Chromium. Projects only differ in what they include and how long a test may take.
export default defineConfig({
  test: {
    // The suites mostly wait (on servers, databases, browsers): with three files at a time the
    // two cores were busy 124% of 200% over a whole run; four keep them busier.
    maxWorkers: 4,
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
          // A browser, its server and a database share two cores with three other files: a step
          // that misses its wait once under that load is run again; a fault fails both times.
          retry: 1,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
