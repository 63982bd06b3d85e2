/**
 * The built `junheng serve`, `backup`, `restore` and `migrate` on one embedded data folder
 * (issue 10 #11 and #13): the folder is held by one program at a time; a backup is taken while the
 * demo server runs and restored into a fresh folder with its data, personal data and audit chain;
 * a server does not start (and writes no key file) without the right personal-data key.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPersonalCipher,
  type Database,
  openDatabase,
  parsePersonalKey,
  verifyAuditChain,
} from '@junheng/db';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-backup-'));
const data = join(dir, 'data');
const restored = join(dir, 'restored');
const backupFile = join(dir, '均衡备份.tar.gz');
const LONG = 600_000;

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete e.DATABASE_URL;
  if (!('JUNHENG_DATA_KEY' in extra)) delete e.JUNHENG_DATA_KEY;
  return e;
}

function run(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: env(extra), cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts `junheng serve` and resolves once it prints its address (or rejects when it exits). */
function serve(folder: string, extra: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--data', folder, '--port', '0'], {
    env: env(extra),
    cwd: dir,
  });
  let out = '';
  return new Promise((done, fail) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (out.includes('按 Ctrl+C 停止')) done({ child, out });
    });
    child.stderr!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.once('exit', (code) =>
      fail(Object.assign(new Error(`serve exited ${code}: ${out}`), { code, out })),
    );
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => child.once('exit', () => done()));
}

/** Row counts of the tables a backup must carry, and the audit chain's head. */
async function snapshot(db: Database) {
  const counts: Record<string, number> = {};
  for (const table of ['school', 'school_report', 'app_user', 'applicant', 'audit_event']) {
    counts[table] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
  }
  const chain = await verifyAuditChain(db);
  return { counts, chain };
}

let server: ChildProcess | undefined;
afterAll(async () => {
  server?.kill('SIGKILL');
  if (server) await exited(server);
});

describe.sequential('one program per data folder; backup of a running server; restore', () => {
  it('starts the demo server, and refuses a second program on its folder in Chinese', {
    timeout: LONG,
  }, async () => {
    ({ child: server } = await serve(data));
    const migrate = run(['migrate', '--data', data]);
    expect(migrate.code).toBe(2);
    expect(migrate.err).toContain(
      `数据目录 ${join(data, 'pg')} 正在被另一个均衡程序使用（进程 ${server.pid}`,
    );
    expect(migrate.err).toContain('请先停止该程序');
    // A second server on the same folder is refused too, before it writes anything.
    await expect(serve(data)).rejects.toMatchObject({
      code: 2,
      out: expect.stringContaining('正在被另一个均衡程序使用'),
    });
  });

  it('backs up the folder while the server runs', { timeout: LONG }, () => {
    const r = run(['backup', '--data', data, '--out', backupFile]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已备份 嵌入式数据库 ${join(data, 'pg')} 到 ${backupFile}`);
    expect(r.out).toContain(`由正在使用该数据库的程序（进程 ${server!.pid}）在两次写入之间生成`);
    expect(r.out).toContain('备份不含学生个人信息密钥');
    expect(existsSync(backupFile)).toBe(true);
  });

  it('after the server dies (killed), the folder opens again', { timeout: LONG }, async () => {
    server!.kill('SIGKILL');
    await exited(server!);
    server = undefined;
    const r = run(['migrate', '--data', data]);
    expect(r.err).not.toContain('正在被另一个均衡程序使用');
    expect(r.code).toBe(0);
  });

  it('restores into a fresh folder: data, personal data and the audit chain as backed up', {
    timeout: LONG,
  }, async () => {
    // Refused into a folder that already holds a database.
    const into = run(['restore', backupFile, '--data', data]);
    expect(into.code).toBe(2);
    expect(into.err).toContain('中已有数据库：恢复只写入新的空数据目录');
    // The key travels separately, as README says.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(restored, { recursive: true });
    copyFileSync(join(data, 'personal-data.key'), join(restored, 'personal-data.key'));
    const r = run(['restore', backupFile, '--data', restored]);
    expect(r.err).toBe(`数据库：嵌入式数据库 ${join(restored, 'pg')}\n`);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已从 ${backupFile} 恢复到 嵌入式数据库 ${join(restored, 'pg')}`);
    expect(r.out).toMatch(/审计日志完整：\d+ 条记录，哈希链校验通过/);
    expect(r.out).toContain('与数据库匹配：学生个人信息可以解密');

    const original = await openDatabase({ dataDir: join(data, 'pg') });
    const copy = await openDatabase({ dataDir: join(restored, 'pg') });
    try {
      const before = await snapshot(original);
      const after = await snapshot(copy);
      expect(after.chain.ok).toBe(true);
      expect(after).toEqual(before);
      expect(after.counts.applicant).toBeGreaterThan(0);
      // The restored children's names open with the key that was kept separately.
      const key = parsePersonalKey(
        (await import('node:fs')).readFileSync(join(restored, 'personal-data.key'), 'utf8'),
        'key',
      );
      const cipher = createPersonalCipher(key);
      const names = async (db: Database) =>
        (
          await db.query<{ n: string }>('SELECT name_sealed AS n FROM applicant ORDER BY id LIMIT 5')
        ).rows.map((x) => cipher.open(x.n));
      const restoredNames = await names(copy);
      expect(restoredNames).toEqual(await names(original));
      expect(restoredNames.every((n) => n.length > 0 && !n.startsWith('v1:'))).toBe(true);
    } finally {
      await original.close();
      await copy.close();
    }
  });

  it('a file that is not a backup is refused, leaving no folder behind', () => {
    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup');
    const r = run(['restore', junk, '--data', join(dir, 'junk-data')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('这不是均衡的备份文件');
    expect(existsSync(join(dir, 'junk-data', 'pg'))).toBe(false);
  });
});

describe.sequential('a server refuses a database whose personal-data key is missing or wrong', () => {
  it('missing key file: refused, and no new key file is written', { timeout: LONG }, async () => {
    const keyFile = join(data, 'personal-data.key');
    renameSync(keyFile, `${keyFile}.kept`);
    try {
      const err = await serve(data).then(
        () => undefined,
        (e: { code: number; out: string }) => e,
      );
      expect(err).toMatchObject({ code: 2 });
      expect(err!.out).toContain(`找不到个人信息密钥文件 ${keyFile}`);
      expect(err!.out).toContain('不会生成新密钥');
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      renameSync(`${keyFile}.kept`, keyFile);
    }
  });

  it('wrong JUNHENG_DATA_KEY: refused, and no key file is written', { timeout: LONG }, async () => {
    const folder = restored;
    const keyFile = join(folder, 'personal-data.key');
    renameSync(keyFile, `${keyFile}.kept`);
    try {
      const err = await serve(folder, { JUNHENG_DATA_KEY: 'ab'.repeat(32) }).then(
        () => undefined,
        (e: { code: number; out: string }) => e,
      );
      expect(err).toMatchObject({ code: 2 });
      expect(err!.out).toContain('个人信息密钥（JUNHENG_DATA_KEY）与数据库不匹配');
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      renameSync(`${keyFile}.kept`, keyFile);
    }
  });
});
