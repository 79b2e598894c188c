import { defineConfig } from 'vitest/config';

// Three kinds of tests: unit tests beside the domain code, integration tests looped over
// PGlite and PostgreSQL (when DATABASE_URL is set), browser tests in Chromium.
export default defineConfig({
  test: {
    env: { TZ: 'Europe/Berlin', LOG_LEVEL: 'silent' },
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // The browser runs alone, after the other projects, so that timing is not squeezed by
          // database-heavy integration tests on a 2-core machine.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
