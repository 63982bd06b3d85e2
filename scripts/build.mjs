// Builds what `npm start` and the tests need: the TypeScript packages (tsc -b is incremental) and
// the web app (vite), the latter only when its sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TABLES = 'packages/db/src/platform/tables.ts';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`构建失败：${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    t = Math.max(t, newest(join(path, name)));
  }
  return t;
}

run('npx', ['tsc', '-b', 'packages/cli', 'packages/db', 'packages/server']);
// The schema's table types for kysely, from the migrations (committed; CI fails when stale).
// When they changed, the packages are compiled again against the new types.
const before = existsSync(TABLES) ? readFileSync(TABLES, 'utf8') : '';
run('node', ['scripts/dbtypes.mjs']);
if (readFileSync(TABLES, 'utf8') !== before)
  run('npx', ['tsc', '-b', 'packages/cli', 'packages/db', 'packages/server']);
// The API contract from the route schemas (committed; CI fails when it was not regenerated).
run('node', ['scripts/openapi.mjs']);

const web = 'packages/web';
const built = join(web, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json']
  .map((p) => join(web, p))
  .filter(existsSync);
// Core is imported by the web app for labels and checks.
sources.push('packages/core/src');
const stale = !existsSync(built) || sources.some((p) => newest(p) > statSync(built).mtimeMs);
if (existsSync(join(web, 'index.html')) && (process.argv.includes('--force-web') || stale))
  run('npm', ['run', 'build', '--silent', '-w', '@junheng/web']);
