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
    // Timeouts only catch a hang, never judge speed: a 2-core machine under load needs minutes to
    // seed a demo county or start a browser (issue 10 #15), so they are generous.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
