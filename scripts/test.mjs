// Runs every suite and ends with the one line CI reads: "N passed, N failed".
// vitest's own summary is not a recognised count, so it is read back from its JSON report.
// With JUNHENG_TEST_COUNTS=<file> the counts are also written there as JSON, so .ci/run can add up
// several passes (all suites on PGlite, then packages/db on PostgreSQL).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

function finish(passed, failed, skipped, ok) {
  if (process.env.JUNHENG_TEST_COUNTS) {
    writeFileSync(process.env.JUNHENG_TEST_COUNTS, JSON.stringify({ passed, failed, skipped }));
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

// The CLI tests run the built `junheng`; tsc -b is incremental, so this is quick when up to date.
const build = spawnSync('npx', ['tsc', '-b', 'packages/cli', 'packages/db', 'packages/server'], {
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('构建失败：见上方 TypeScript 错误');
  finish(0, 1, 0, false);
}

const report = 'vitest.json';
rmSync(report, { force: true });
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Shanghai' } });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
  console.error('测试报告 vitest.json 未生成：测试运行失败');
}
if (run.status !== 0 && failed === 0) {
  // A failing beforeAll (e.g. the database is unreachable) marks its tests skipped, not failed.
  failed = 1;
  console.error('vitest 以失败状态退出（例如 beforeAll 出错，其中的测试被跳过）：见上方输出');
}
if (passed === 0 && failed === 0) {
  failed = 1;
  console.error('没有执行任何测试');
}
finish(passed, failed, skipped, run.status === 0 && failed === 0);
