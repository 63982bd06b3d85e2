/**
 * @module `junheng migrate`, `junheng audit verify`, `junheng backup` and `junheng restore`: the
 * database commands. PostgreSQL when
 * `--database` or DATABASE_URL is given, otherwise embedded PGlite in `<--data>/pg` (default ./data).
 * @junheng/db is imported lazily, so the file commands do not load the database engines.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type MessageKey, message } from '@junheng/core';
import type { Database } from '@junheng/db';
import { SYNTAX } from '../syntax.js';
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
    throw new InputError(message('cli.common.databaseOrData'));
  }
  // An explicit --data beats DATABASE_URL from the environment.
  const url = opts.database ?? (opts.data === undefined ? env.DATABASE_URL || undefined : undefined);
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(message('cli.database.badUrl', { ...SYNTAX, url }));
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new InputError(message('cli.database.notPostgres', { ...SYNTAX, url }));
    }
    const db = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || message('cli.database.defaultName');
    return { kind: 'postgres', url, label: `PostgreSQL ${parsed.host}/${db}` };
  }
  const data = resolve(opts.data ?? DEFAULT_DATA_DIR);
  if (existsSync(data) && !statSync(data).isDirectory()) {
    throw new InputError(message('cli.database.dataNotFolder', { dir: data }));
  }
  const dir = join(data, 'pg');
  return { kind: 'pglite', dir, label: message('cli.database.embedded', { dir }) };
}

/** What a network error code or a PostgreSQL SQLSTATE refusing the connection means. */
const NETWORK_ERRORS: Record<string, MessageKey> = {
  ECONNREFUSED: 'cli.database.connect.refused',
  ENOTFOUND: 'cli.database.connect.hostNotFound',
  EAI_AGAIN: 'cli.database.connect.dnsAgain',
  ETIMEDOUT: 'cli.database.connect.timeout',
  EHOSTUNREACH: 'cli.database.connect.hostUnreachable',
  ECONNRESET: 'cli.database.connect.reset',
  '28P01': 'cli.database.connect.badPassword',
  '28000': 'cli.database.connect.userRejected',
  '3D000': 'cli.database.connect.noDatabase',
  '57P03': 'cli.database.connect.startingUp',
};

function describeConnectError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: { code?: string }[] };
  // Node reports an address with several IPs (localhost) as an AggregateError with one error each.
  const code = e.code ?? e.errors?.[0]?.code ?? '';
  const known = Object.hasOwn(NETWORK_ERRORS, code) ? NETWORK_ERRORS[code] : undefined;
  if (known) return message(known);
  if (/timeout/i.test(e.message ?? '')) return message('cli.database.connect.timeout');
  const text = e.message ?? String(err);
  return code ? message('cli.database.errorWithCode', { message: text, code }) : text;
}

/**
 * Opens the database and checks it answers.
 * @param mustExist for read-only commands: an absent PGlite folder is an error, not a new database
 * @throws InputError when it cannot be reached (exit 2)
 */
async function open(ctx: CliContext, opts: DbOptions, mustExist: boolean): Promise<Database> {
  const target = resolveTarget(opts, process.env);
  if (target.kind === 'pglite' && mustExist && !existsSync(target.dir)) {
    throw new InputError(message('cli.database.notFound', { dir: target.dir }));
  }
  // Fail within seconds when a PostgreSQL host does not answer (pg waits forever by default).
  process.env.PGCONNECT_TIMEOUT ??= '10';
  const { openDatabase, pingDatabase } = await import('@junheng/db');
  ctx.log(message('cli.database.which', { label: target.label }));
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
    throw new InputError(
      message('cli.database.cannotConnect', { label: target.label, why: describeConnectError(err) }),
    );
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
      ctx.print(message('cli.migrate.upToDate', { total: all.length }));
    } else {
      ctx.print(message('cli.migrate.applied', { count: applied.length, total: all.length }));
      for (const name of applied) ctx.print(`  ${name}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof MigrationRefused) {
      ctx.log(message('cli.migrate.refused', { reason: err.message }));
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
    throw new InputError(message('cli.database.noAuditTable'));
  }
}

/**
 * `junheng audit verify`: recomputes the audit log's hash chain, then checks it against the signed
 * checkpoints (and a head hash the county wrote down, --expect-head).
 * @returns exit code: 0 intact, 1 broken, cut or rewritten
 */
export async function runAuditVerify(ctx: CliContext, opts: AuditOptions): Promise<number> {
  if (opts.expectHead !== undefined && !/^[0-9a-fA-F]{64}$/.test(opts.expectHead.trim())) {
    throw new InputError(message('cli.audit.badExpectHead', { value: opts.expectHead }));
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
      ctx.print(message('cli.audit.tampered', { id: bad.id, position: r.events }));
      ctx.print(`  ${message('cli.audit.reason', { reason: bad.reason })}`);
      ctx.print(`  ${message('cli.audit.passedBefore', { count: r.events - 1 })}`);
      return 1;
    }
    ctx.print(message('cli.audit.intact', { count: r.events }));
    if (r.events > 0) ctx.print(message('cli.audit.lastHash', { hash: r.lastHash }));
    const file = checkpointFileOf(source);
    const anchors = await checkAuditAnchors(db, {
      file,
      publicKey: loadVerifyKey(source),
      expectHead: opts.expectHead,
    });
    if (anchors.latest) {
      ctx.print(message('cli.audit.latestCheckpoint', { file, count: anchors.checkpoints }));
      ctx.print(`  ${anchors.latest.line}`);
    } else if (r.events > 0) {
      ctx.print(message('cli.audit.noCheckpoint', { file }));
      ctx.print(`  ${message('cli.audit.checkpointAdvice')}`);
    }
    if (!anchors.ok) {
      ctx.print(message('cli.audit.anchorsMismatch'));
      for (const p of anchors.problems) ctx.print(`  - ${p}`);
      return 1;
    }
    if (anchors.checkpoints > 0) {
      ctx.print(message('cli.audit.checkpointsOk', { count: anchors.checkpoints }));
    }
    if (opts.expectHead !== undefined)
      ctx.print(message('cli.audit.expectHeadOk', { hash: opts.expectHead.trim().toLowerCase() }));
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
    if (key.created) ctx.print(message('cli.audit.keyCreated', { where: key.where }));
    const file = checkpointFileOf(source);
    const cp = await writeCheckpoint(db, { file, privateKey: key.privateKey });
    if (cp) {
      ctx.print(message('cli.audit.checkpointWritten', { file }));
      ctx.print(`  ${[cp.at.toISOString(), cp.seq, cp.hash, cp.signature].join(' ')}`);
    } else {
      ctx.print(message('cli.audit.noNewCheckpoint', { file }));
    }
    return 0;
  } finally {
    await db.close();
  }
}

/** What a backup leaves out on purpose, and what to do about it (printed by backup and restore). */
function keyWarning(data: string): string {
  return message('cli.backup.keyWarning', {
    personalKey: join(data, 'personal-data.key'),
    signingKey: join(data, 'audit-signing.key'),
    checkpoints: join(data, 'audit-checkpoints.txt'),
  });
}

export interface BackupOptions extends DbOptions {
  out?: string;
}

/**
 * `junheng backup --out <file>`: a consistent copy of the embedded database, also while
 * `junheng serve` runs (the server makes it between two statements).
 * @returns exit code 0
 */
export async function runBackup(ctx: CliContext, opts: BackupOptions): Promise<number> {
  if (!opts.out) throw new InputError(message('cli.backup.needOut'));
  const target = resolveTarget(opts, process.env);
  if (target.kind === 'postgres') throw new InputError(message('cli.backup.postgres'));
  const { backupPgliteFolder } = await import('@junheng/db');
  const { bytes, holder } = await backupPgliteFolder(target.dir);
  const out = resolve(opts.out);
  // Written whole, then renamed: an interrupted backup never leaves a truncated file under the name.
  const partial = `${out}.part`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, out);
  const mb = (bytes.length / 1024 / 1024).toFixed(1);
  ctx.print(message('cli.backup.done', { label: target.label, file: out, mb }));
  if (holder) ctx.print(`  ${message('cli.backup.consistent', { pid: holder.pid })}`);
  ctx.print(keyWarning(dirname(target.dir)));
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
  if (target.kind === 'postgres') throw new InputError(message('cli.backup.postgres'));
  const file = resolve(opts.file);
  if (!existsSync(file)) throw new InputError(message('cli.restore.notFound', { file }));
  const { restorePgliteFolder } = await import('@junheng/db');
  await restorePgliteFolder(readFileSync(file), target.dir);
  ctx.print(message('cli.restore.restored', { file, label: target.label }));
  const data = dirname(target.dir);
  const db = await open(ctx, opts, true);
  try {
    const { verifyAuditChain, createPersonalCipher, checkPersonalKey, parsePersonalKey, personalKeyInUse } =
      await import('@junheng/db');
    const chain = await verifyAuditChain(db);
    ctx.print(
      chain.ok
        ? message('cli.audit.intact', { count: chain.events })
        : message('cli.restore.chainBroken', { id: chain.firstBad!.id, reason: chain.firstBad!.reason }),
    );
    let keyOk = true;
    if (await personalKeyInUse(db)) {
      const keyFile = join(data, 'personal-data.key');
      const envKey = process.env.JUNHENG_DATA_KEY;
      if (!envKey && !existsSync(keyFile)) {
        ctx.print(message('cli.restore.keyMissing', { dir: data }));
        ctx.print(`  ${message('cli.restore.keyMissingConsequence')}`);
      } else {
        const where = envKey ? 'JUNHENG_DATA_KEY' : keyFile;
        try {
          const key = parsePersonalKey(envKey ?? readFileSync(keyFile, 'utf8'), where);
          await checkPersonalKey(db, createPersonalCipher(key), where);
          ctx.print(message('cli.restore.keyMatches', { where }));
        } catch (err) {
          keyOk = false;
          ctx.print((err as Error).message);
        }
      }
    }
    ctx.print(message('cli.restore.copySigningKey', { dir: data }));
    return chain.ok && keyOk ? 0 : 1;
  } finally {
    await db.close();
  }
}
