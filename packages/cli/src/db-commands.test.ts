/**
 * The built `junheng migrate` and `junheng audit verify`, run against an embedded database in a
 * temporary data folder. (npm test builds before running, so dist/ is current.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendAudit, type Database, openDatabase } from '@junheng/db';
import { asAuditAdministrator, rewriteAuditEvent } from '@junheng/db/testing';
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
async function withDb(fn: (db: Database) => Promise<void>, folder = data): Promise<void> {
  const db = await openDatabase({ dataDir: join(folder, 'pg') });
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

// Another folder: the chain is anchored by signed checkpoints (issue 10 #7).
// Several opens of an embedded database per test: minutes on a busy machine.
describe.sequential('junheng audit checkpoint and verify against checkpoints', { timeout: 300_000 }, () => {
  const anchored = join(dir, 'anchored');
  const checkpoints = join(anchored, 'audit-checkpoints.txt');
  const ids: number[] = [];
  const hashes: string[] = [];

  it('writes a signed checkpoint of the head (creating the signing key), and verify names it', async () => {
    expect(run('migrate', '--data', anchored).code).toBe(0);
    await withDb(async (db) => {
      for (let i = 1; i <= 4; i++) {
        const e = await appendAudit(db, {
          actor: 'bureau1',
          action: 'report.update',
          entity: 'school_report',
          entityId: String(i),
        });
        ids.push(e.id);
        hashes.push(e.hash);
      }
    }, anchored);
    const cp = run('audit', 'checkpoint', '--data', anchored);
    expect(cp.code).toBe(0);
    expect(cp.out).toContain(`已生成审计签名密钥：${join(anchored, 'audit-signing.key')}`);
    expect(cp.out).toContain(`已写入检查点（${checkpoints}）：`);
    expect(existsSync(join(anchored, 'audit-signing.pub'))).toBe(true);
    const line = readFileSync(checkpoints, 'utf8').trim();
    expect(line).toMatch(new RegExp(`^\\S+Z ${ids[3]} ${hashes[3]} \\S+$`));

    const r = run('audit', 'verify', '--data', anchored, '--expect-head', hashes[1]!);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      '审计日志完整：4 条记录，哈希链校验通过\n' +
        `最后一条记录的哈希：${hashes[3]}\n` +
        `最新检查点（${checkpoints} 第 1 个）：\n  ${line}\n` +
        '检查点核对通过：1 个检查点签名有效，链中仍是同一哈希，日志没有变短\n' +
        `给定的哈希核对通过：链中仍包含 ${hashes[1]}\n`,
    );
  });

  it('a written-down head that is not in the chain fails (exit 1)', () => {
    const wrong = 'ab'.repeat(32);
    const r = run('audit', 'verify', '--data', anchored, '--expect-head', wrong);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`审计日志中没有哈希为 ${wrong} 的记录`);
    expect(run('audit', 'verify', '--data', anchored, '--expect-head', 'xyz')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--expect-head 的值 “xyz” 无效'),
    });
  });

  it('a row rewritten and every later hash recomputed fails against the checkpoint', async () => {
    await withDb((db) => rewriteAuditEvent(db, ids[1]!, { teachers: 99 }), anchored);
    const r = run('audit', 'verify', '--data', anchored);
    expect(r.code).toBe(1);
    // The chain alone is consistent again: only the checkpoint shows the rewrite.
    expect(r.out).toContain('审计日志完整：4 条记录，哈希链校验通过');
    expect(r.out).toContain('审计日志与检查点或给定的哈希不符：');
    expect(r.out).toContain(`检查点（第 1 行，`);
    expect(r.out).toContain(`记录 id ${ids[3]}）：该记录的哈希与检查点不符`);
  });

  it('deleting the newest rows fails naming the checkpoint', async () => {
    // A fresh checkpoint of the rewritten chain, then its newest rows go.
    renameSync(checkpoints, `${checkpoints}.old`);
    expect(run('audit', 'checkpoint', '--data', anchored).code).toBe(0);
    await withDb(
      (db) =>
        asAuditAdministrator(db, (query) =>
          query('DELETE FROM audit_event WHERE id >= $1', [ids[2]]).then(() => {}),
        ),
      anchored,
    );
    const r = run('audit', 'verify', '--data', anchored);
    expect(r.code).toBe(1);
    expect(r.out).toContain('审计日志完整：2 条记录，哈希链校验通过');
    expect(r.out).toContain(`检查点（第 1 行，`);
    expect(r.out).toContain(
      `记录 id ${ids[3]}）：审计日志已短于该检查点（现在最后一条记录 id ${ids[1]}）：末尾的记录被删除`,
    );
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
