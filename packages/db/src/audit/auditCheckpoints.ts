/**
 * @module Signed checkpoints of the audit chain's head (issue 10 #7). The hash chain alone cannot
 * show that its newest rows were deleted, nor that a row was rewritten and every later hash
 * recomputed: whoever can write the database can do both. A checkpoint — the time, the head
 * event's id (its sequence number) and hash — signed with an Ed25519 key kept outside the database
 * and appended to a file outside the database, anchors the chain: verification checks that every
 * checkpoint's signature holds and that the chain still has that hash at that id. A database
 * administrator alone can forge neither the key nor the file kept on another machine.
 *
 * - Signing key: JUNHENG_AUDIT_SIGNING_KEY (PEM, or 64 hex digits of the Ed25519 seed), else
 *   `<data>/audit-signing.key` (PEM, created with mode 0600 on the first start, with its public
 *   half `<data>/audit-signing.pub` for checking elsewhere).
 * - Checkpoint file: JUNHENG_AUDIT_CHECKPOINTS, else `<data>/audit-checkpoints.txt`. One line per
 *   checkpoint, appended: `<time ISO> <id> <hash> <signature base64>`. The signed text is
 *   `junheng-audit-checkpoint-v1\n<time ISO>\n<id>\n<hash>` (UTF-8).
 * - The server writes one at start, every 15 minutes when the log has grown, and when it stops;
 *   `junheng audit checkpoint` writes one now.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.key';
export const AUDIT_PUBLIC_KEY_FILE = 'audit-signing.pub';
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.txt';
/** How often a running server writes a checkpoint (when the log has grown). */
export const CHECKPOINT_INTERVAL_MS = 15 * 60 * 1000;

/** A missing or malformed signing key: the user's to fix (exit 2 in the CLI). */
export class AuditKeyFileError extends Error {
  override name = 'AuditKeyFileError';
}

/** One line of the checkpoint file. */
export interface AuditCheckpoint {
  at: Date;
  /** audit_event.id of the head event at that time. */
  seq: number;
  /** Its hash. */
  hash: string;
  /** Ed25519 signature of {@link checkpointText}, base64. */
  signature: string;
  /** Line number in the file (1-based). */
  line: number;
}

/** Where the keys and the checkpoint file are. */
export interface CheckpointSource {
  dataDir: string;
  /** JUNHENG_AUDIT_SIGNING_KEY. */
  envKey?: string;
  /** JUNHENG_AUDIT_CHECKPOINTS (a path, e.g. on a share of another machine). */
  checkpointFile?: string;
}

/** The exact text that is signed. */
export function checkpointText(at: Date, seq: number, hash: string): string {
  return `junheng-audit-checkpoint-v1\n${at.toISOString()}\n${seq}\n${hash}`;
}

export function checkpointFileOf(source: CheckpointSource): string {
  return source.checkpointFile || join(source.dataDir, AUDIT_CHECKPOINT_FILE);
}

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function parseSigningKey(text: string, where: string): KeyObject {
  const t = text.trim();
  try {
    if (/^[0-9a-fA-F]{64}$/.test(t)) {
      return createPrivateKey({
        key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(t, 'hex')]),
        format: 'der',
        type: 'pkcs8',
      });
    }
    const key = createPrivateKey(t);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // reported below
  }
  throw new AuditKeyFileError(
    `${where} 中的审计签名密钥应为 Ed25519 私钥（PEM，或 64 位十六进制种子），请检查或恢复备份的密钥`,
  );
}

/**
 * The signing key: environment, else the key file, created (with its .pub) when absent and no
 * checkpoint has been written yet.
 * @throws AuditKeyFileError on a malformed key, or a missing key file while checkpoints exist
 * @returns the private key, its public half, where it came from and whether it was created now
 */
export function loadSigningKey(source: CheckpointSource): {
  privateKey: KeyObject;
  publicKey: KeyObject;
  where: string;
  created: boolean;
} {
  if (source.envKey) {
    const privateKey = parseSigningKey(source.envKey, 'JUNHENG_AUDIT_SIGNING_KEY');
    return {
      privateKey,
      publicKey: createPublicKey(privateKey),
      where: 'JUNHENG_AUDIT_SIGNING_KEY',
      created: false,
    };
  }
  const file = join(source.dataDir, AUDIT_SIGNING_KEY_FILE);
  if (existsSync(file)) {
    const privateKey = parseSigningKey(readFileSync(file, 'utf8'), file);
    return { privateKey, publicKey: createPublicKey(privateKey), where: file, created: false };
  }
  // Checkpoints signed with a key that is gone: a new key would make them all look forged.
  const checkpointFile = checkpointFileOf(source);
  const written = parseCheckpoints(readCheckpointFile(checkpointFile)).checkpoints.length;
  if (written > 0) {
    throw new AuditKeyFileError(
      `找不到审计签名密钥 ${file}（也未设置 JUNHENG_AUDIT_SIGNING_KEY），但 ${checkpointFile} 中已有 ${written} 个用它签名的检查点：` +
        '请把备份的密钥文件放回数据目录。不会生成新密钥（新密钥会让已有检查点都无法核对）',
    );
  }
  const pair = generateKeyPairSync('ed25519');
  writeFileSync(file, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(
    join(source.dataDir, AUDIT_PUBLIC_KEY_FILE),
    pair.publicKey.export({ format: 'pem', type: 'spki' }),
  );
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, where: file, created: true };
}

/**
 * The key to check signatures with: the signing key's public half, else `<data>/audit-signing.pub`.
 * Never creates anything.
 */
export function loadVerifyKey(source: CheckpointSource): KeyObject | undefined {
  if (source.envKey) return createPublicKey(parseSigningKey(source.envKey, 'JUNHENG_AUDIT_SIGNING_KEY'));
  const file = join(source.dataDir, AUDIT_SIGNING_KEY_FILE);
  if (existsSync(file)) return createPublicKey(parseSigningKey(readFileSync(file, 'utf8'), file));
  const pub = join(source.dataDir, AUDIT_PUBLIC_KEY_FILE);
  if (existsSync(pub)) return createPublicKey(readFileSync(pub, 'utf8'));
  return undefined;
}

export function formatCheckpoint(cp: Omit<AuditCheckpoint, 'line'>): string {
  return `${cp.at.toISOString()} ${cp.seq} ${cp.hash} ${cp.signature}`;
}

const LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (\d+) ([0-9a-f]{64}) ([A-Za-z0-9+/]+=*)$/;

/** The checkpoints of a file's text, and the lines that are not checkpoints. */
export function parseCheckpoints(text: string): { checkpoints: AuditCheckpoint[]; bad: number[] } {
  const checkpoints: AuditCheckpoint[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) {
      bad.push(i + 1);
      return;
    }
    checkpoints.push({ at: new Date(m[1]!), seq: Number(m[2]), hash: m[3]!, signature: m[4]!, line: i + 1 });
  });
  return { checkpoints, bad };
}

function readCheckpointFile(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The chain's newest event (id and hash), or undefined when the log is empty. */
async function auditHead(db: Queryable): Promise<{ id: number; hash: string } | undefined> {
  return sqlOf(db)
    .selectFrom('audit_event')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Appends a signed checkpoint of the chain's head, unless the log is empty or the file's last
 * checkpoint already names this head.
 * @returns the checkpoint written, or null
 */
export async function writeCheckpoint(
  db: Queryable,
  opts: { file: string; privateKey: KeyObject; now?: Date },
): Promise<AuditCheckpoint | null> {
  const head = await auditHead(db);
  if (!head) return null;
  const last = parseCheckpoints(readCheckpointFile(opts.file)).checkpoints.at(-1);
  if (last && last.seq === head.id && last.hash === head.hash) return null;
  const at = new Date(opts.now ?? Date.now());
  const signature = sign(
    null,
    Buffer.from(checkpointText(at, head.id, head.hash), 'utf8'),
    opts.privateKey,
  ).toString('base64');
  const cp = { at, seq: head.id, hash: head.hash, signature };
  appendFileSync(opts.file, `${formatCheckpoint(cp)}\n`, { mode: 0o600 });
  const lines = readCheckpointFile(opts.file)
    .split('\n')
    .filter((l) => l.trim() !== '').length;
  return { ...cp, line: lines };
}

/** What the checkpoints and an expected head say about the chain. */
export interface AnchorCheck {
  ok: boolean;
  /** Checkpoints in the file. */
  checkpoints: number;
  /** The newest checkpoint, as a line to print. */
  latest?: { at: Date; seq: number; hash: string; line: string };
  /** Everything that does not hold, in Chinese. */
  problems: string[];
  /** The checkpoint file checked. */
  file: string;
}

/**
 * Checks every checkpoint (signature, and the chain still has its hash at its id) and, when
 * given, that the chain contains a head the county wrote down.
 * @param db the database (verify the chain itself with verifyAuditChain)
 * @param opts the checkpoint file, the key to check signatures with, the expected head hash
 */
export async function checkAuditAnchors(
  db: Queryable,
  opts: { file: string; publicKey?: KeyObject; expectHead?: string },
): Promise<AnchorCheck> {
  const problems: string[] = [];
  const { checkpoints, bad } = parseCheckpoints(readCheckpointFile(opts.file));
  for (const line of bad) problems.push(`检查点文件第 ${line} 行格式不对：应为 时间 序号 哈希 签名`);
  if (checkpoints.length > 0 && !opts.publicKey) {
    problems.push(
      `找不到审计签名密钥（${AUDIT_SIGNING_KEY_FILE} 或 ${AUDIT_PUBLIC_KEY_FILE}，或 JUNHENG_AUDIT_SIGNING_KEY），无法核对检查点的签名`,
    );
  }
  const ids = [...new Set(checkpoints.map((c) => c.seq))];
  // One array parameter, however many checkpoints the file has (a list would be one per id).
  const rows = await sqlOf(db)
    .selectFrom('audit_event')
    .select(['id', 'hash'])
    .where('id', '=', (eb) => eb.fn.any(sql<number[]>`${ids}::bigint[]`))
    .execute();
  const stored = new Map(rows.map((r) => [r.id, r.hash]));
  const head = await auditHead(db);
  for (const cp of checkpoints) {
    const where = `检查点（第 ${cp.line} 行，${cp.at.toISOString()}，记录 id ${cp.seq}）`;
    if (
      opts.publicKey &&
      !verify(
        null,
        Buffer.from(checkpointText(cp.at, cp.seq, cp.hash), 'utf8'),
        opts.publicKey,
        Buffer.from(cp.signature, 'base64'),
      )
    ) {
      problems.push(`${where}的签名无效：该行被改动，或不是用本系统的签名密钥写的`);
      continue;
    }
    const hash = stored.get(cp.seq);
    if (hash === undefined) {
      problems.push(
        (head?.id ?? 0) < cp.seq
          ? `${where}：审计日志已短于该检查点（现在最后一条记录 id ${head?.id ?? '无'}）：末尾的记录被删除`
          : `${where}：该记录已不在审计日志中：记录被删除`,
      );
    } else if (hash !== cp.hash) {
      problems.push(
        `${where}：该记录的哈希与检查点不符（检查点 ${cp.hash.slice(0, 12)}…，现在 ${hash.slice(0, 12)}…）：它或它之前的记录被改写后重算了哈希`,
      );
    }
  }
  if (opts.expectHead !== undefined) {
    const expected = opts.expectHead.trim().toLowerCase();
    const found = await sqlOf(db)
      .selectFrom('audit_event')
      .select('id')
      .where('hash', '=', expected)
      .execute();
    if (found.length === 0) {
      problems.push(
        `审计日志中没有哈希为 ${expected} 的记录：这条记录被删除，或它或它之前的记录被改写后重算了哈希`,
      );
    }
  }
  const last = checkpoints.at(-1);
  return {
    ok: problems.length === 0,
    checkpoints: checkpoints.length,
    latest: last && { at: last.at, seq: last.seq, hash: last.hash, line: formatCheckpoint(last) },
    problems,
    file: opts.file,
  };
}

/**
 * Writes a checkpoint now and then every `intervalMs` while the server runs (skipped when the log
 * has not grown); `stop()` writes a last one.
 */
export function startCheckpoints(
  db: Queryable,
  opts: { file: string; privateKey: KeyObject; intervalMs?: number; onError?: (err: unknown) => void },
): { first: Promise<AuditCheckpoint | null>; stop(): Promise<void> } {
  const write = () => writeCheckpoint(db, opts);
  const onError = opts.onError ?? (() => {});
  const timer = setInterval(() => {
    write().catch(onError);
  }, opts.intervalMs ?? CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    first: write(),
    async stop() {
      clearInterval(timer);
      await write().catch(onError);
    },
  };
}
