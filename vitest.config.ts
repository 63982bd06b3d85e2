import { defineConfig } from 'vitest/config';

// Three tiers (issue 11): unit — pure logic of core, io, web and scripts, seconds, no database;
// medium — db, server and cli against a real database (one migrated template per run, cloned per
// file: scripts/testTemplates.ts); browser — e2e in Debian's chromium. `npm test` runs all three,
// `npm run test:unit` the first.
export default defineConfig({
  // Workspace packages from their TypeScript source (package.json "source" condition), never a stale
  // dist: tests run in vite's SSR mode, which reads ssr.resolve.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    // 学年 boundaries depend on dates: pin the zone as the bureau's.
    env: { TZ: 'Asia/Shanghai' },
    // Timeouts only catch a hang, never judge speed: a 2-core machine under load needs minutes to
    // seed a demo county or start a browser (issue 10 #15), so they are generous.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Pure modules: a worker keeps them loaded from one file to the next instead of importing
          // and transforming core again for each of ~80 files (half the tier's time). A test that
          // changed module state would show here; none does (core's one switch, useNativeSha256,
          // gives the same digests either way).
          isolate: false,
          include: [
            'packages/core/src/**/*.test.ts',
            'packages/io/src/**/*.test.ts',
            'packages/web/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'medium',
          include: [
            'packages/db/src/**/*.test.ts',
            'packages/server/src/**/*.test.ts',
            'packages/cli/src/**/*.test.ts',
          ],
          globalSetup: ['scripts/testTemplates.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['e2e/**/*.test.ts'], globalSetup: ['e2e/templates.ts'] },
      },
    ],
  },
});
