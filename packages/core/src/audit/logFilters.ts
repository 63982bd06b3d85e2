/**
 * @module The audit log's filters as the log page sends them, checked and turned into what the
 * query needs: trimmed texts, and the instants a range of Beijing days starts and ends.
 */
import { Refusal } from '../messages/refusal.js';

/** The filters a request may give (all optional, AND-ed). */
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

/** The filters checked: texts trimmed (absent when empty), days as instants. */
export interface AuditLogFilters {
  entity?: string;
  actorId?: number;
  /** Compared ignoring case. */
  actor?: string;
  action?: string;
  /** Events at or after this instant. */
  from?: Date;
  /** Events before this instant (the end of the last day). */
  before?: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The instant a Beijing day starts (the bureau's days, whatever the server's zone).
 * @throws Refusal invalidRequest for anything but a real calendar day
 */
function beijingDayStart(day: string, which: 'from' | 'to'): Date {
  // A real calendar day: 2026-02-30 does not survive the round trip.
  const utc = new Date(`${day}T00:00:00Z`);
  const valid = DAY.test(day) && !Number.isNaN(utc.getTime()) && utc.toISOString().startsWith(day);
  if (!valid) {
    throw new Refusal('invalidRequest', which === 'from' ? 'audit.fromInvalid' : 'audit.toInvalid', { day });
  }
  return new Date(`${day}T00:00:00+08:00`);
}

/**
 * Checks the log's filters.
 * @throws Refusal invalidRequest for an empty entity, a user id that is no integer, a day that is
 *   not YYYY-MM-DD, or a range that ends before it starts
 */
export function auditLogFilters(q: AuditLogQuery): AuditLogFilters {
  const f: AuditLogFilters = {};
  if (q.entity !== undefined) {
    if (typeof q.entity !== 'string' || q.entity.trim() === '') {
      throw new Refusal('invalidRequest', 'audit.entityInvalid');
    }
    f.entity = q.entity.trim();
  }
  if (q.actorId !== undefined) {
    if (!Number.isSafeInteger(q.actorId)) throw new Refusal('invalidRequest', 'audit.actorIdInvalid');
    f.actorId = q.actorId;
  }
  if (q.actor !== undefined && q.actor.trim() !== '') f.actor = q.actor.trim();
  if (q.action !== undefined && q.action.trim() !== '') f.action = q.action.trim();
  const from = q.from ? beijingDayStart(q.from, 'from') : undefined;
  const to = q.to ? beijingDayStart(q.to, 'to') : undefined;
  if (from && to && from > to) throw new Refusal('invalidRequest', 'audit.rangeReversed');
  if (from) f.from = from;
  // Through the whole of the last day.
  if (to) f.before = new Date(to.getTime() + DAY_MS);
  return f;
}
