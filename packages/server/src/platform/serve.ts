/**
 * @module Starting the server for real: open the database (PostgreSQL from DATABASE_URL, else
 * embedded PGlite in <data>/pg), apply migrations, seed the demo county into an empty database
 * (first start only), listen, and print the address and the demo logins.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkPersonalKey,
  checkpointFileOf,
  countUsers,
  createPersonalCipher,
  type Database,
  demoAccounts,
  loadPersonalKey,
  loadSigningKey,
  migrate,
  openDatabase,
  personalKeyInUse,
  sealPlainNotes,
  startCheckpoints,
} from '@junheng/db';
import { installNodeSha256, messageOverridesFromEnv } from '@junheng/io';
import type { FastifyInstance } from 'fastify';
import { createUser } from '../accounts/accountCreation.js';
import { seedDemoZoning } from '../admission/zoning/zoningFiles.js';
import { seedDemo, seedDemoApplicants, seedDemoClassesAndQuota } from '../demo/index.js';
import { buildApp } from './app.js';
import { useMessageOverrides } from './errors.js';
import { type LogFormat, stderrLog } from './requestLog.js';

/** Password of every demo account (demo data only; a real county creates its own users). */
export const DEMO_PASSWORD = 'Qingyuan#2025';

/** The built web app, next to this package in the monorepo. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

export interface ServeOptions {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`/pg. */
  databaseUrl?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  /** Seed the demo county when the database is empty (default true). */
  demo?: boolean;
  /** Schools in the demo county (default 60). */
  demoSchools?: number;
  webRoot?: string | null;
  /** Request log format on stderr (default text); null: no request log. */
  logFormat?: LogFormat | null;
  trustProxy?: boolean;
  print?: (line: string) => void;
  /** Personal-data key (64 hex digits); default JUNHENG_DATA_KEY, else <dataDir>/personal-data.key. */
  personalKey?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens, migrates, seeds (when empty) and listens.
 * @returns the running server; `close()` stops it and closes the database
 */
export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  // Draws and verifications hash long lists with node:crypto (same digests as core's JavaScript).
  installNodeSha256();
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  // A province's wording (JUNHENG_MESSAGES, docs/messages.md), checked before anything is opened:
  // a bad file stops the start with every problem (MessageOverridesFileError).
  const overrides = messageOverridesFromEnv();
  useMessageOverrides(overrides);
  const changed = Object.keys(overrides).length;
  if (changed > 0) print(`已使用措辞文件 ${process.env.JUNHENG_MESSAGES}：改写了 ${changed} 条提示语`);
  let db: Database;
  // The personal-data key file lives in the data directory with PostgreSQL too (unless
  // JUNHENG_DATA_KEY is set): the key must never be stored in the database it protects.
  const dataDir = resolve(opts.dataDir ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  if (opts.databaseUrl) {
    db = await openDatabase({ url: opts.databaseUrl });
  } else {
    db = await openDatabase({ dataDir: join(dataDir, 'pg') });
  }
  let stopCheckpoints: (() => Promise<void>) | undefined;
  try {
    const applied = await migrate(db);
    if (applied.applied.length > 0) print(`数据库已建立/升级：应用了 ${applied.applied.length} 个迁移`);
    // Checked against the database before any key file is written: a database sealed with a key
    // whose file is missing must be refused, not given a new key that cannot open it.
    const key = loadPersonalKey({
      envKey: opts.personalKey ?? process.env.JUNHENG_DATA_KEY,
      dataDir,
      inUse: await personalKeyInUse(db),
    });
    const personal = createPersonalCipher(key.key);
    await checkPersonalKey(db, personal, key.where);
    // Notes written in plain text before they were sealed (the migration cannot encrypt).
    const sealedNotes = await sealPlainNotes(db, personal);
    if (sealedNotes > 0) print(`已加密 ${sealedNotes} 条以前未加密保存的特殊需要说明`);
    if (key.created)
      print(`已生成学生个人信息密钥：${key.where}（请与数据库一起备份，丢失后个人信息无法恢复）`);
    if (opts.demo ?? true) {
      const started = Date.now();
      const seeded = await seedDemo(db, {
        schools: opts.demoSchools,
        password: DEMO_PASSWORD,
        // In the same transaction as the county, so a crash cannot leave a demo without them.
        alsoInside: async (tx, county) => {
          // 均衡分班 (sealed roster: needs the key) and 指标到校 examples of the demo county.
          await seedDemoClassesAndQuota(tx, personal, county);
          // 招生申请: the coming intake's primary round, drawn and admitted (sealed: needs the key).
          await seedDemoApplicants(tx, personal, county);
          // 划片: the demo map's areas, current zones and school coordinates (next year's intake).
          await seedDemoZoning(tx, {
            countyCode: county.countyCode,
            year: county.year + 1,
            schools: opts.demoSchools,
          });
        },
      });
      if (seeded) {
        print(
          `已载入演示县：${seeded.countyName}（${seeded.countyCode}），${seeded.year} 学年，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
        );
      }
    }
    await ensureFirstAdmin(db, print);
    // Signed checkpoints of the audit chain's head, outside the database (issue 10 #7): at start,
    // every 15 minutes when the log has grown, and at stop.
    const auditSource = {
      dataDir,
      envKey: process.env.JUNHENG_AUDIT_SIGNING_KEY || undefined,
      checkpointFile: process.env.JUNHENG_AUDIT_CHECKPOINTS || undefined,
    };
    const signing = loadSigningKey(auditSource);
    if (signing.created)
      print(
        `已生成审计签名密钥：${signing.where}（请另行备份；检查点写入 ${checkpointFileOf(auditSource)}）`,
      );
    const checkpoints = startCheckpoints(db, {
      file: checkpointFileOf(auditSource),
      privateKey: signing.privateKey,
      onError: (err) => print(`写审计检查点失败：${(err as Error).message}`),
    });
    stopCheckpoints = checkpoints.stop;
    await checkpoints.first;
    const app = await buildApp({
      db,
      personal,
      auditAnchors: { file: checkpointFileOf(auditSource), publicKey: signing.publicKey },
      webRoot: opts.webRoot === undefined ? DEFAULT_WEB_ROOT : opts.webRoot,
      log: opts.logFormat === null ? null : stderrLog(opts.logFormat ?? 'text'),
      trustProxy: opts.trustProxy ?? false,
    });
    const host = opts.host ?? '127.0.0.1';
    const address = await app.listen({ host, port: opts.port ?? 3000 });
    const url = address.replace('://[::1]', '://localhost');
    return {
      app,
      db,
      url,
      async close() {
        await app.close();
        await checkpoints.stop();
        await db.close();
      },
    };
  } catch (e) {
    await stopCheckpoints?.();
    await db.close();
    throw e;
  }
}

/**
 * A database without any account (a real installation started with --no-demo) gets one system
 * administrator with a random password, printed once: the only way in, to create the bureau's
 * accounts. Nothing happens when any account exists.
 */
export async function ensureFirstAdmin(db: Database, print: (line: string) => void): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const password = `Jh-${randomBytes(12).toString('base64url')}`;
  await createUser(db, { username: 'admin', password, displayName: '系统管理员', role: 'system_admin' });
  print('已创建系统管理员账户（仅此一次显示密码，请登录后立即修改）：');
  print(`  用户名 admin   密码 ${password}`);
}

/** The demo accounts as lines to print (only those that exist, with their role names). */
export async function demoLoginLines(db: Database): Promise<string[]> {
  // Only in a demo database (seedDemo's stand-in submitter exists): a real admin's password is not the demo one.
  const accounts = await demoAccounts(db, ['admin', 'jiaoyuju', 'duxue', 'xiaozhang', 'tianbao', 'shiju']);
  return accounts.map((a) => `  ${a.username.padEnd(10)} ${DEMO_PASSWORD}   ${a.displayName}`);
}
