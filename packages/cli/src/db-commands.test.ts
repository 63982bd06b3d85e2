/**
 * The built `junheng migrate` and `junheng audit verify`, run against an embedded database in a
 * temporary data folder. (npm test builds before running, so dist/ is current.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendAudit, type Database, openDatabase } from '@junheng/db';
import { describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-db-cli-'));
const data = join(dir, 'data');

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Opens the CLI's embedded database in this process (the CLI must not be running meanwhile). */
async function withDb(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = await openDatabase({ dataDir: join(data, 'pg') });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

// One sequence over one database: each step builds on the previous one.
describe.sequential('junheng migrate and audit verify on an embedded database', () => {
  it('migrate applies every migration, then has nothing to apply', () => {
    const first = run('migrate', '--data', data);
    expect(first.err).toContain(`数据库：嵌入式数据库 ${join(data, 'pg')}`);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^已应用 \d+ 个迁移（共 \d+ 个）：\n {2}0001-create-regions-and-schools\n/);
    expect(first.out).toContain('  0006-create-audit-events\n');
    const second = run('migrate', '--data', data);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^数据库已是最新：没有需要应用的迁移（已应用全部 \d+ 个）\n$/);
  });

  it('audit verify passes on an empty log', () => {
    const r = run('audit', 'verify', '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).toBe('审计日志完整：0 条记录，哈希链校验通过\n');
  });

  it('audit verify passes on a chain and prints its last hash', async () => {
    let last = '';
    await withDb(async (db) => {
      for (let i = 1; i <= 3; i++) {
        const e = await appendAudit(db, {
          actor: 'bureau1',
          action: 'report.update',
          entity: 'school_report',
          entityId: String(i),
          before: { teachers: i },
          after: { teachers: i + 1 },
        });
        last = e.hash;
      }
    });
    const r = run('audit', 'verify', '--data', data);
    expect(r.err).toBe(`数据库：嵌入式数据库 ${join(data, 'pg')}\n`);
    expect(r.code).toBe(0);
    expect(r.out).toContain('审计日志完整：3 条记录，哈希链校验通过\n');
    expect(r.out).toContain(`最后一条记录的哈希：${last}\n`);
  });

  it('audit verify exits 1 naming the first changed record', async () => {
    await withDb(async (db) => {
      await db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_event DISABLE TRIGGER ALL');
        await tx.query(`UPDATE audit_event SET before = '{"teachers": 20}' WHERE entity_id = '2'`);
        await tx.query('ALTER TABLE audit_event ENABLE TRIGGER ALL');
      });
    });
    const r = run('audit', 'verify', '--data', data);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^审计日志已被篡改：记录 id \d+（按顺序第 2 条）校验失败\n/);
    expect(r.out).toContain('原因：记录内容与其哈希不符');
    expect(r.out).toContain('此前 1 条记录校验通过');
  });
});

describe('invalid input exits 2 with a Chinese message', () => {
  it('no database in the data folder (verify does not create one)', () => {
    const r = run('audit', 'verify', '--data', join(dir, 'nowhere'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到数据库');
  });
  it('a data folder that is a file', () => {
    writeFileSync(join(dir, 'file'), '');
    const r = run('migrate', '--data', join(dir, 'file'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('不是文件夹');
  });
  it('a PostgreSQL that does not answer', () => {
    const r = run('audit', 'verify', '--database', 'postgres://postgres@127.0.0.1:1/test');
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法连接数据库 PostgreSQL 127.0.0.1:1/test：连接被拒绝');
  });
  it('a connection string that is not PostgreSQL, both --database and --data, a missing subcommand', () => {
    expect(run('migrate', '--database', 'mysql://h/db')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/只支持 PostgreSQL/),
    });
    expect(run('migrate', '--database', 'postgres://h/db', '--data', data)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/只能指定一个/),
    });
    expect(run('audit', '--data', data)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/用法：junheng audit verify/),
    });
    expect(run('audit', 'check')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/没有子命令 “check”/),
    });
  });
});
