// `npm run e2e`: builds what the browser tests serve (TypeScript packages and the web app, the
// latter only when stale) and runs the browser tests alone, ending with the "N passed" line.
import { spawnSync } from 'node:child_process';

for (const args of [['scripts/build.mjs'], ['scripts/test.mjs', 'e2e', ...process.argv.slice(2)]]) {
  const r = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
