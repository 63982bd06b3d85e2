// Runs every suite and ends with the one line CI reads: "N passed, N failed".
// vitest's own summary is not a recognised count, so it is read back from its JSON report.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

// The CLI tests run the built `junheng`; tsc -b is incremental, so this is quick when up to date.
const build = spawnSync('npx', ['tsc', '-b', 'packages/cli'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('构建失败：见上方 TypeScript 错误');
  console.log('0 passed, 1 failed');
  process.exit(1);
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
if (passed === 0 && failed === 0) {
  failed = 1;
  console.error('没有执行任何测试');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
