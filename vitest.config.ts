import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages from their TypeScript source (package.json "source" condition), never a stale
  // dist: tests run in vite's SSR mode, which reads ssr.resolve.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'bench/**/*.test.ts',
      'e2e/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    // 学年 boundaries depend on dates: pin the zone as the bureau's.
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 60_000,
    // Opening PGlite databases in beforeAll takes seconds, more on a busy machine.
    hookTimeout: 60_000,
  },
});
