/**
 * @module `junheng migrate`, `junheng audit verify`, `junheng backup` and `junheng restore`: the
 * database commands. PostgreSQL when
 * `--database` or DATABASE_URL is given, otherwise embedded PGlite in `<--data>/pg` (default ./data).
 * @junheng/db is imported lazily, so the file commands do not load the database engines.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Database } from '@junheng/db';
import { type CliContext, InputError } from './input.js';

export interface DbOptions {
  /** --database (PostgreSQL connection string). */
  database?: string;
  /** --data (data folder; PGlite lives in its pg/ subfolder). */
  data?: string;
}

/** Where the database is, resolved from the options and the environment. */
type Target =
  | { kind: 'postgres'; url: string; label: string }
  | { kind: 'pglite'; dir: string; label: string };

export const DEFAULT_DATA_DIR = 'data';

function resolveTarget(opts: DbOptions, env: NodeJS.ProcessEnv): Target {
  if (opts.database !== undefined && opts.data !== undefined) {
    throw new InputError('--database 与 --data 只能指定一个：前者用 PostgreSQL，后者用嵌入式数据库');
  }
  // An explicit --data beats DATABASE_URL from the environment.
  const url = opts.database ?? (opts.data === undefined ? env.DATABASE_URL || undefined : undefined);
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`数据库地址 “${url}” 无效：应为 postgres://用户@主机:端口/数据库`);
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new InputError(`数据库地址 “${url}” 无效：只支持 PostgreSQL（postgres://用户@主机:端口/数据库）`);
    }
    const db = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(默认库)';
    return { kind: 'postgres', url, label: `PostgreSQL ${parsed.host}/${db}` };
  }
  const data = resolve(opts.data ?? DEFAULT_DATA_DIR);
  if (existsSync(data) && !statSync(data).isDirectory()) {
    throw new InputError(`数据目录 ${data} 不是文件夹：请用 --data 指定一个文件夹`);
  }
  const dir = join(data, 'pg');
  return { kind: 'pglite', dir, label: `嵌入式数据库 ${dir}` };
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝（数据库没有运行，或主机、端口不对）',
  ENOTFOUND: '找不到主机',
  EAI_AGAIN: '暂时无法解析主机名',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '主机不可达',
  ECONNRESET: '连接被重置',
  '28P01': '用户名或密码错误',
  '28000': '服务器拒绝了这个用户的连接',
  '3D000': '数据库不存在',
  '57P03': '数据库正在启动或关闭，暂不接受连接',
};

function describeConnectError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: { code?: string }[] };
  // Node reports an address with several IPs (localhost) as an AggregateError with one error each.
  const code = e.code ?? e.errors?.[0]?.code ?? '';
  const known = NETWORK_ERRORS[code];
  if (known) return known;
  if (/timeout/i.test(e.message ?? '')) return '连接超时';
  return `${e.message ?? String(err)}${code ? `（${code}）` : ''}`;
}

/**
 * Opens the database and checks it answers.
 * @param mustExist for read-only commands: an absent PGlite folder is an error, not a new database
 * @throws InputError when it cannot be reached (exit 2)
 */
async function open(ctx: CliContext, opts: DbOptions, mustExist: boolean): Promise<Database> {
  const target = resolveTarget(opts, process.env);
  if (target.kind === 'pglite' && mustExist && !existsSync(target.dir)) {
    throw new InputError(
      `找不到数据库 ${target.dir}：请用 --data 指定数据目录，或用 --database / DATABASE_URL 指定 PostgreSQL，或先运行 junheng migrate`,
    );
  }
  // Fail within seconds when a PostgreSQL host does not answer (pg waits forever by default).
  process.env.PGCONNECT_TIMEOUT ??= '10';
  const { openDatabase, pingDatabase } = await import('@junheng/db');
  ctx.log(`数据库：${target.label}`);
  let db: Database | undefined;
  try {
    db =
      target.kind === 'postgres'
        ? await openDatabase({ url: target.url })
        : await openDatabase({ dataDir: target.dir });
    await pingDatabase(db);
    return db;
  } catch (err) {
    await db?.close().catch(() => {});
    // Held by another program (junheng serve…): its own message says which and what to do.
    if ((err as Error).name === 'DataFolderLockFileError') throw new InputError((err as Error).message);
    throw new InputError(`无法连接数据库 ${target.label}：${describeConnectError(err)}`);
  }
}

/** Errors `migrate` raises itself (an edited or unknown migration): the check failed, exit 1. */
class MigrationRefused extends Error {}

/**
 * `junheng migrate`: applies pending migrations.
 * @returns exit code: 0 applied or up to date, 1 migrate refused (an applied migration was edited,
 * or the database is newer than this program)
 */
export async function runMigrate(ctx: CliContext, opts: DbOptions): Promise<number> {
  const db = await open(ctx, opts, false);
  try {
    const { migrate, loadMigrations, sqlState } = await import('@junheng/db');
    const all = await loadMigrations();
    let applied: string[];
    try {
      ({ applied } = await migrate(db, all));
    } catch (err) {
      // Its own refusals carry no SQLSTATE; a failing SQL statement is a bug, not a refusal.
      if (sqlState(err) === undefined && !(err instanceof TypeError))
        throw new MigrationRefused((err as Error).message);
      throw err;
    }
    if (applied.length === 0) {
      ctx.print(`数据库已是最新：没有需要应用的迁移（已应用全部 ${all.length} 个）`);
    } else {
      ctx.print(`已应用 ${applied.length} 个迁移（共 ${all.length} 个）：`);
      for (const name of applied) ctx.print(`  ${name}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof MigrationRefused) {
      ctx.log(`迁移未执行：${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

export interface AuditOptions extends DbOptions {
  /** --checkpoints: the checkpoint file (default JUNHENG_AUDIT_CHECKPOINTS, else <data>/audit-checkpoints.txt). */
  checkpoints?: string;
  /** --expect-head: a head hash the county wrote down earlier; the chain must still contain it. */
  expectHead?: string;
}

/** Where the audit signing key and checkpoints are: next to the data (also with PostgreSQL, as serve). */
function checkpointSource(opts: AuditOptions) {
  const target = resolveTarget(opts, process.env);
  const dataDir = target.kind === 'pglite' ? dirname(target.dir) : resolve(opts.data ?? DEFAULT_DATA_DIR);
  return {
    dataDir,
    envKey: process.env.JUNHENG_AUDIT_SIGNING_KEY || undefined,
    checkpointFile: opts.checkpoints
      ? resolve(opts.checkpoints)
      : process.env.JUNHENG_AUDIT_CHECKPOINTS || undefined,
  };
}

async function requireAuditTable(db: Database): Promise<void> {
  const { tableExists } = await import('@junheng/db');
  if (!(await tableExists(db, 'audit_event'))) {
    throw new InputError('数据库中没有审计日志表 audit_event：请先运行 junheng migrate');
  }
}

/**
 * `junheng audit verify`: recomputes the audit log's hash chain, then checks it against the signed
 * checkpoints (and a head hash the county wrote down, --expect-head).
 * @returns exit code: 0 intact, 1 broken, cut or rewritten
 */
export async function runAuditVerify(ctx: CliContext, opts: AuditOptions): Promise<number> {
  if (opts.expectHead !== undefined && !/^[0-9a-fA-F]{64}$/.test(opts.expectHead.trim())) {
    throw new InputError(`--expect-head 的值 “${opts.expectHead}” 无效：应为 64 位十六进制哈希`);
  }
  const source = checkpointSource(opts);
  const db = await open(ctx, opts, true);
  try {
    const { verifyAuditChain, checkAuditAnchors, checkpointFileOf, loadVerifyKey } = await import(
      '@junheng/db'
    );
    await requireAuditTable(db);
    const r = await verifyAuditChain(db);
    if (!r.ok) {
      const bad = r.firstBad!;
      ctx.print(`审计日志已被篡改：记录 id ${bad.id}（按顺序第 ${r.events} 条）校验失败`);
      ctx.print(`  原因：${bad.reason}`);
      ctx.print(`  此前 ${r.events - 1} 条记录校验通过`);
      return 1;
    }
    ctx.print(`审计日志完整：${r.events} 条记录，哈希链校验通过`);
    if (r.events > 0) ctx.print(`最后一条记录的哈希：${r.lastHash}`);
    const file = checkpointFileOf(source);
    const anchors = await checkAuditAnchors(db, {
      file,
      publicKey: loadVerifyKey(source),
      expectHead: opts.expectHead,
    });
    if (anchors.latest) {
      ctx.print(`最新检查点（${file} 第 ${anchors.checkpoints} 个）：`);
      ctx.print(`  ${anchors.latest.line}`);
    } else if (r.events > 0) {
      ctx.print(`没有检查点（${file}）：末尾记录被删除、或记录被改写后重算全部哈希，无法从链本身发现。`);
      ctx.print(
        '  服务运行时会定期写检查点；也可运行 junheng audit checkpoint，并另行保存最后一条记录的哈希',
      );
    }
    if (!anchors.ok) {
      ctx.print('审计日志与检查点或给定的哈希不符：');
      for (const p of anchors.problems) ctx.print(`  - ${p}`);
      return 1;
    }
    if (anchors.checkpoints > 0) {
      ctx.print(`检查点核对通过：${anchors.checkpoints} 个检查点签名有效，链中仍是同一哈希，日志没有变短`);
    }
    if (opts.expectHead !== undefined)
      ctx.print(`给定的哈希核对通过：链中仍包含 ${opts.expectHead.trim().toLowerCase()}`);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * `junheng audit checkpoint`: signs the chain's head now and appends it to the checkpoint file
 * (creating the signing key on first use).
 * @returns exit code 0
 */
export async function runAuditCheckpoint(ctx: CliContext, opts: AuditOptions): Promise<number> {
  const source = checkpointSource(opts);
  const db = await open(ctx, opts, true);
  try {
    const { checkpointFileOf, loadSigningKey, writeCheckpoint } = await import('@junheng/db');
    await requireAuditTable(db);
    const key = loadSigningKey(source);
    if (key.created) ctx.print(`已生成审计签名密钥：${key.where}（请另行备份，不要放进数据库）`);
    const file = checkpointFileOf(source);
    const cp = await writeCheckpoint(db, { file, privateKey: key.privateKey });
    if (cp) {
      ctx.print(`已写入检查点（${file}）：`);
      ctx.print(`  ${[cp.at.toISOString(), cp.seq, cp.hash, cp.signature].join(' ')}`);
    } else {
      ctx.print(`无需新检查点：审计日志为空，或自最新检查点以来没有新记录（${file}）`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

/** What a backup leaves out on purpose, and what to do about it (printed by backup and restore). */
function keyWarning(data: string): string[] {
  return [
    `注意：备份不含学生个人信息密钥（${join(data, 'personal-data.key')}，或环境变量 JUNHENG_DATA_KEY），`,
    `也不含审计签名密钥和检查点（${join(data, 'audit-signing.key')}、${join(data, 'audit-checkpoints.txt')}）。`,
    '请把它们另行保管（不要与备份文件放在一起）；恢复后把密钥文件放回新的数据目录，否则学生个人信息无法解密。',
  ];
}

const POSTGRES_BACKUP =
  'PostgreSQL 数据库请用其自带工具备份和恢复：pg_dump -Fc -f 备份.dump 数据库地址；pg_restore -d 数据库地址 备份.dump' +
  '（见 README “备份与恢复”）；个人信息密钥文件同样需要另行保管';

export interface BackupOptions extends DbOptions {
  out?: string;
}

/**
 * `junheng backup --out <file>`: a consistent copy of the embedded database, also while
 * `junheng serve` runs (the server makes it between two statements).
 * @returns exit code 0
 */
export async function runBackup(ctx: CliContext, opts: BackupOptions): Promise<number> {
  if (!opts.out)
    throw new InputError('请用 --out 指定备份文件，如 junheng backup --out 均衡备份-2026-03-01.tar.gz');
  const target = resolveTarget(opts, process.env);
  if (target.kind === 'postgres') throw new InputError(POSTGRES_BACKUP);
  const { backupPgliteFolder } = await import('@junheng/db');
  const { bytes, holder } = await backupPgliteFolder(target.dir);
  const out = resolve(opts.out);
  // Written whole, then renamed: an interrupted backup never leaves a truncated file under the name.
  const partial = `${out}.part`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, out);
  const mb = (bytes.length / 1024 / 1024).toFixed(1);
  ctx.print(`已备份 ${target.label} 到 ${out}（${mb} MB）`);
  if (holder) ctx.print(`  由正在使用该数据库的程序（进程 ${holder.pid}）在两次写入之间生成，内容一致`);
  for (const line of keyWarning(dirname(target.dir))) ctx.print(line);
  return 0;
}

export interface RestoreOptions extends DbOptions {
  file: string;
}

/**
 * `junheng restore <file>`: restores a backup into a new data folder, then checks the audit chain
 * and, when the key is there, that it opens the personal data.
 * @returns exit code: 0 restored; 1 restored but the audit chain is broken or the key does not match
 */
export async function runRestore(ctx: CliContext, opts: RestoreOptions): Promise<number> {
  const target = resolveTarget(opts, process.env);
  if (target.kind === 'postgres') throw new InputError(POSTGRES_BACKUP);
  const file = resolve(opts.file);
  if (!existsSync(file)) throw new InputError(`找不到备份文件 ${file}`);
  const { restorePgliteFolder } = await import('@junheng/db');
  await restorePgliteFolder(readFileSync(file), target.dir);
  ctx.print(`已从 ${file} 恢复到 ${target.label}`);
  const data = dirname(target.dir);
  const db = await open(ctx, opts, true);
  try {
    const { verifyAuditChain, createPersonalCipher, checkPersonalKey, parsePersonalKey, personalKeyInUse } =
      await import('@junheng/db');
    const chain = await verifyAuditChain(db);
    ctx.print(
      chain.ok
        ? `审计日志完整：${chain.events} 条记录，哈希链校验通过`
        : `审计日志校验失败：记录 id ${chain.firstBad!.id}：${chain.firstBad!.reason}`,
    );
    let keyOk = true;
    if (await personalKeyInUse(db)) {
      const keyFile = join(data, 'personal-data.key');
      const envKey = process.env.JUNHENG_DATA_KEY;
      if (!envKey && !existsSync(keyFile)) {
        ctx.print(
          `尚未放入个人信息密钥：请把原数据目录的 personal-data.key 复制到 ${data}，或设置 JUNHENG_DATA_KEY；`,
        );
        ctx.print('  否则 junheng serve 会拒绝启动，学生个人信息无法解密');
      } else {
        const where = envKey ? 'JUNHENG_DATA_KEY' : keyFile;
        try {
          const key = parsePersonalKey(envKey ?? readFileSync(keyFile, 'utf8'), where);
          await checkPersonalKey(db, createPersonalCipher(key), where);
          ctx.print(`个人信息密钥（${where}）与数据库匹配：学生个人信息可以解密`);
        } catch (err) {
          keyOk = false;
          ctx.print((err as Error).message);
        }
      }
    }
    ctx.print(
      `审计签名密钥与检查点：请把原数据目录的 audit-signing.key 和 audit-checkpoints.txt 一并复制到 ${data}（audit verify 用它们核对）`,
    );
    return chain.ok && keyOk ? 0 : 1;
  } finally {
    await db.close();
  }
}
