#!/usr/bin/env node
// Writes packages/server/openapi.json from the route schemas (packages/server/src/platform/openapi.ts).
// `npm run build` runs it; `--check` only compares and exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { OPENAPI_FILE, openApiDocument, openApiText } from '@junheng/server';

const text = openApiText(await openApiDocument());
let current = '';
try {
  current = readFileSync(OPENAPI_FILE, 'utf8');
} catch {}
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(`${OPENAPI_FILE} 与路由定义不一致：请运行 node scripts/openapi.mjs 重新生成并提交`);
    process.exit(1);
  }
  console.log(`${OPENAPI_FILE} 与路由定义一致`);
} else if (current !== text) {
  writeFileSync(OPENAPI_FILE, text);
  console.log(`已写入 ${OPENAPI_FILE}`);
}
