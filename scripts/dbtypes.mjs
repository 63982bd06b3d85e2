#!/usr/bin/env node
// Writes packages/db/src/platform/tables.ts, the schema's tables as TypeScript types for kysely,
// from the catalogue of a database migrated in memory (packages/db/src/platform/tableTypes.ts).
// `npm run build` runs it; `--check` only compares and exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { migrate, openDatabase, tableTypesSource } from '@junheng/db';

const FILE = 'packages/db/src/platform/tables.ts';
const db = await openDatabase();
let text;
try {
  await migrate(db);
  text = await tableTypesSource(db);
} finally {
  await db.close();
}
let current = '';
try {
  current = readFileSync(FILE, 'utf8');
} catch {}
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(`${FILE} 与迁移不一致：请运行 node scripts/dbtypes.mjs 重新生成并提交`);
    process.exit(1);
  }
  console.log('表类型与迁移一致');
} else if (current !== text) {
  writeFileSync(FILE, text);
  console.log(`已写入 ${FILE}`);
}
