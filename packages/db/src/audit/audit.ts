/**
 * @module The audit log: one `audit_event` row for every write and every export, chained by hash so
 * that a changed, inserted or removed row (other than the newest ones) is detected by
 * {@link verifyAuditChain} (`junheng audit verify`). The canonical form hashed here is documented in
 * packages/db/README.md ("Audit log") so an auditor can re-implement the check.
 */
import { createHash } from 'node:crypto';
import { type AuditChainBreak, auditBreakReason } from '@junheng/core';
import { type Selectable, sql } from 'kysely';
import { type Database, jsonb, type Queryable, sqlState } from '../platform/database.js';
import { ERROR_CODES } from '../platform/errors.js';
import { sqlOf } from '../platform/queryBuilder.js';
import type { AuditEventTable } from '../platform/tables.js';

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What happened, as the writer describes it. */
export interface AuditEventInput {
  /** Username at the time, or 'system'. */
  actor: string;
  /** `app_user.id` of the actor, when it is a user. */
  actorId?: number | null;
  /** What was done: `report.submit`, `export.xlsx`, … (`^[a-z][A-Za-z0-9_.]*$`). */
  action: string;
  /** Table or kind of thing: `school_report`, `evaluation_run`, … (`^[a-z][a-z0-9_]*$`). */
  entity: string;
  entityId: string | null;
  /** The state before the change (JSON); absent for a creation or an export. */
  before?: unknown;
  /** The state after the change (JSON); absent for a deletion. */
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
  /** When; defaults to now. Stored and hashed with millisecond precision. */
  at?: Date;
}

/** One stored event, as read back. */
export interface AuditEvent {
  id: number;
  at: Date;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme, for the values JSON can hold): no
 * whitespace, object keys sorted by UTF-16 code units, members whose value is `undefined` left out,
 * strings and numbers written as ECMAScript `JSON.stringify` writes them.
 * @throws TypeError on a value JSON cannot represent (NaN, Infinity, bigint, function, symbol)
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`规范 JSON 不能表示数值 ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      }
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`规范 JSON 不能表示 ${typeof value} 类型的值`);
  }
}

/** The fields an event's hash covers, in the shape of the canonical form. */
interface HashedFields {
  prevHash: string;
  at: Date;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
}

/** The exact text that is hashed for an event (see README "Audit log"). */
export function auditCanonicalText(e: HashedFields): string {
  return canonicalJson({
    action: e.action,
    actor: e.actor,
    actor_id: e.actorId,
    after: e.after,
    at: e.at.toISOString(),
    before: e.before,
    entity: e.entity,
    entity_id: e.entityId,
    ip: e.ip,
    prev_hash: e.prevHash,
    reason: e.reason,
  });
}

/** sha256 (lowercase hex) of the UTF-8 canonical text. */
export function auditHash(e: HashedFields): string {
  return createHash('sha256').update(auditCanonicalText(e), 'utf8').digest('hex');
}

/** The value as it will read back from jsonb (JSON round trip); null when absent. */
function asStored(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

// Any constant: audit writers queue on it (until their transaction ends) instead of racing for the
// chain's tail. Different from migrate's key.
const AUDIT_LOCK_KEY = 7_205_113_006;
const MAX_ATTEMPTS = 8;

/**
 * Appends one event to the audit log, chained on the newest event, inside the caller's transaction
 * (so the event commits or rolls back with the write it records). Writers serialise on an advisory
 * lock held until their transaction ends, so append the event last in the transaction. Should
 * another writer win the tail anyway (one not taking the lock), the unique prev_hash rejects this
 * insert; it is rolled back to a savepoint and retried on the new tail. Needs READ COMMITTED (the
 * default isolation level), so a retry sees the winner's event.
 * @param tx the transaction handle (a `Database` is accepted too: the event gets its own transaction)
 * @param event what happened
 * @returns the stored event
 * @throws Error after repeated conflicts, or the database's error (check violation, …)
 */
export async function appendAudit(tx: Queryable | Database, event: AuditEventInput): Promise<AuditEvent> {
  if ('transaction' in tx) return tx.transaction((inner) => appendAudit(inner, event));
  const at = new Date(event.at ?? Date.now());
  if (Number.isNaN(at.getTime())) throw new RangeError('审计事件的时间无效');
  const fields = {
    at,
    actorId: event.actorId ?? null,
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId ?? null,
    before: asStored(event.before),
    after: asStored(event.after),
    reason: event.reason ?? null,
    ip: event.ip ?? null,
  };
  const q = sqlOf(tx);
  await q
    .selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.val(AUDIT_LOCK_KEY)]).as('locked'))
    .execute();
  for (let attempt = 1; ; attempt++) {
    const tail = await q
      .selectFrom('audit_event')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prevHash = tail?.hash ?? GENESIS_HASH;
    const hash = auditHash({ ...fields, prevHash });
    await sql`SAVEPOINT junheng_audit_append`.execute(q);
    try {
      const { id } = await q
        .insertInto('audit_event')
        .values({
          at,
          actor_id: fields.actorId,
          actor: fields.actor,
          action: fields.action,
          entity: fields.entity,
          entity_id: fields.entityId,
          before: fields.before === null ? null : jsonb(fields.before),
          after: fields.after === null ? null : jsonb(fields.after),
          reason: fields.reason,
          ip: fields.ip,
          prev_hash: prevHash,
          hash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`RELEASE SAVEPOINT junheng_audit_append`.execute(q);
      return { id, ...fields, prevHash, hash };
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT junheng_audit_append`.execute(q);
      await sql`RELEASE SAVEPOINT junheng_audit_append`.execute(q);
      const constraint = (err as { constraint?: string }).constraint;
      const raced =
        sqlState(err) === ERROR_CODES.uniqueViolation &&
        (constraint === undefined || constraint === 'audit_event_prev_hash_key');
      if (!raced) throw err;
      if (attempt >= MAX_ATTEMPTS) {
        throw new Error(`写审计日志失败：连续 ${attempt} 次与其他写入者争用链尾，请稍后重试`, {
          cause: err,
        });
      }
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

/** Where the chain first breaks (the reason worded by core's auditBreakReason). */
export interface AuditBreak {
  /** audit_event.id of the first event that does not check out. */
  id: number;
  /** `hash`: the event's content does not match its hash (changed); `link`: its prev_hash is not the previous event's hash (an event removed or inserted before it). */
  kind: 'hash' | 'link';
  /** What is wrong, in Chinese, for the person running the check. */
  reason: string;
}

/** The chain checked: whether it holds, how far, and the newest hash. */
interface ChainResult<B> {
  ok: boolean;
  /** Events checked (all of them when ok; up to and including the bad one otherwise). */
  events: number;
  /** Hash of the newest event (GENESIS_HASH when empty). Keep it elsewhere: removing the newest events cannot be detected from the chain alone. */
  lastHash: string;
  firstBad?: B;
}

/** What {@link checkAuditChain} finds: the break as facts (ids and hashes). */
export type AuditChainCheck = ChainResult<AuditChainBreak>;
/** What {@link verifyAuditChain} answers: the break with its reason in words. */
export type AuditVerification = ChainResult<AuditBreak>;

/** An audit_event row as stored. */
export type AuditRow = Selectable<AuditEventTable>;

/** The hash an audit_event row must carry after `prevHash` (what verification recomputes). */
export function auditRowHash(prevHash: string, r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return auditHash({
    prevHash,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    reason: r.reason,
    ip: r.ip,
  });
}

/**
 * Recomputes every event's hash in id order and checks that each prev_hash is the previous event's
 * hash (64 zeros for the first). Reads in pages, so it runs alongside writers; events appended
 * during the check are included when they arrive before it ends.
 * @param db the database (migrated)
 * @param pageSize rows per query
 */
export async function checkAuditChain(db: Queryable, pageSize = 1000): Promise<AuditChainCheck> {
  let prevHash = GENESIS_HASH;
  let prevId: number | null = null;
  let events = 0;
  let after = 0;
  for (;;) {
    const rows = await sqlOf(db)
      .selectFrom('audit_event')
      .select([
        'id',
        'at',
        'actor_id',
        'actor',
        'action',
        'entity',
        'entity_id',
        'before',
        'after',
        'reason',
        'ip',
        'prev_hash',
        'hash',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      events++;
      const hash = auditRowHash(r.prev_hash, r);
      const kind = r.prev_hash !== prevHash ? 'link' : hash !== r.hash ? 'hash' : null;
      if (kind) {
        const firstBad: AuditChainBreak = {
          id: r.id,
          kind,
          prevId,
          storedPrevHash: r.prev_hash,
          storedHash: r.hash,
          recomputedHash: hash,
        };
        return { ok: false, events, lastHash: prevHash, firstBad };
      }
      prevHash = r.hash;
      prevId = r.id;
    }
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.id;
  }
  return { ok: true, events, lastHash: prevHash };
}

/**
 * {@link checkAuditChain} with the break's reason in words.
 * @deprecated a leftover for the CLI (`junheng audit verify`, backup), other features' tests and
 *   bench/server.mjs; the server's audit/commands.ts checks with checkAuditChain and words the
 *   break in its presenter.
 */
export async function verifyAuditChain(db: Queryable, pageSize = 1000): Promise<AuditVerification> {
  const { firstBad, ...result } = await checkAuditChain(db, pageSize);
  if (!firstBad) return result;
  return {
    ...result,
    firstBad: { id: firstBad.id, kind: firstBad.kind, reason: auditBreakReason(firstBad) },
  };
}
