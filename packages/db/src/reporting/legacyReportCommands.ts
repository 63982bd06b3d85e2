/**
 * @module LEFTOVERS until the other features move to the server's commands (issue 11): the old
 * report commands that still take an Actor, kept with their signatures and answers for the code
 * outside reporting that calls them — evaluation/evaluations.test.ts (saveReportDraft,
 * transitionReport), schools/schoolAdmin.test.ts and server evaluation/dashboardRoutes.ts
 * (reportStatusCounts), and server platform/errors.ts (ReportError). They are built on this
 * folder's repositories; the commands themselves are the server's (server/src/reporting/commands).
 * Remove this file once nothing imports it.
 */
import {
  type Actor,
  commentsAfter,
  dataDiff,
  decideTransition,
  explain,
  type FieldComment,
  isPlainObject,
  isValidReportKey,
  REPORT_POLICY_ACTIONS,
  type ReportAction,
  type ReportKey,
  reportNotFound,
  reportResource,
  resourceRegionLevel,
} from '@junheng/core';
import { appendAudit } from '../audit/audit.js';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { actingUser, checkYear, inTransaction } from '../platform/queryKit.js';
import { countReportsByStatus, type ReportStatusCounts } from './reportListQueries.js';
import { countyExists } from './reportLookups.js';
import { type ReportRow, readReport, writeReportStep } from './reportRecords.js';

export type ReportErrorCode =
  | 'conflict'
  | 'notAllowed'
  | 'wrongState'
  | 'reasonRequired'
  | 'commentsRequired'
  | 'notFound'
  | 'invalidData';

/** A refused report request of the old commands: a stable code and a Chinese message. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    /** For the server's log only: the policy rule that denied the request. */
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

interface Step extends ReportKey {
  action: Exclude<ReportAction, 'remind'>;
  expectedVersion: number;
  data?: Record<string, unknown>;
  reason?: string;
  comments?: FieldComment[];
  ip?: string | null;
}

/** The old commands' notFound, in the words of core's refusal. */
const notFound = (key: ReportKey) => new ReportError('notFound', reportNotFound(key).message);

async function runStep(tx: Queryable, actor: Actor, cmd: Step): Promise<ReportRow> {
  if (!isValidReportKey(cmd)) throw notFound(cmd);
  const row = await readReport(tx, cmd, true);
  if (!row || !explain(actor, 'view', reportResource(row.region_code, row.school_id)).allowed) {
    throw notFound(cmd);
  }
  const policy = explain(
    actor,
    REPORT_POLICY_ACTIONS[cmd.action],
    reportResource(row.region_code, row.school_id),
  );
  if (!policy.allowed) throw new ReportError('notAllowed', policy.reason, policy.rule);
  const decision = decideTransition(
    { status: row.status, version: row.version },
    { ...cmd, role: actor.role },
  );
  if (!decision.ok) throw new ReportError(decision.code, decision.message);
  const by = await actingUser(tx, actor);
  const data = cmd.data ?? row.data;
  const comments = commentsAfter(cmd.action, cmd.comments, row.review_comments);
  const onBehalf = decision.rule.onBehalf === true;
  await writeReportStep(tx, {
    id: row.id,
    fromVersion: row.version,
    version: decision.version,
    status: decision.to,
    data,
    reviewComments: comments,
    by: by.id,
    submits: decision.rule.to === 'submitted',
    reviews: cmd.action === 'return' || cmd.action === 'approve' || cmd.action === 'reopen',
    ...(onBehalf ? { proxyReason: cmd.reason!.trim() } : {}),
  });
  const diff = dataDiff(row.data, data);
  const changed = JSON.stringify(comments) !== JSON.stringify(row.review_comments);
  await appendAudit(tx, {
    actor: by.username,
    actorId: by.id,
    action: `report.${cmd.action}`,
    entity: 'school_report',
    entityId: String(row.id),
    before: {
      status: row.status,
      version: row.version,
      data: diff.before,
      ...(changed ? { reviewComments: row.review_comments } : {}),
    },
    after: {
      status: decision.to,
      version: decision.version,
      data: diff.after,
      ...(changed ? { reviewComments: comments } : {}),
      ...(onBehalf ? { onBehalfOf: row.school_id } : {}),
    },
    reason: cmd.reason?.trim() || null,
    ip: cmd.ip ?? null,
  });
  return (await readReport(tx, cmd))!;
}

/** The old save of a draft (LEFTOVER: the server's saveReportDraft command is the one to call). */
export function saveReportDraft(
  db: Database | Queryable,
  actor: Actor,
  input: ReportKey & {
    data: Record<string, unknown>;
    expectedVersion: number;
    proxyReason?: string;
    ip?: string | null;
  },
): Promise<ReportRow> {
  if (!isPlainObject(input.data)) {
    return Promise.reject(new ReportError('invalidData', '报表数据必须是“字段: 数值”形式的对象'));
  }
  const { stage: _stage, ...data } = input.data;
  const { proxyReason, ...rest } = input;
  const action = proxyReason === undefined ? 'save' : 'proxySave';
  return inTransaction(db, (tx) => runStep(tx, actor, { ...rest, action, data, reason: proxyReason }));
}

/** The old workflow step (LEFTOVER: the server's transitionReport command is the one to call). */
export function transitionReport(
  db: Database | Queryable,
  actor: Actor,
  input: Omit<Step, 'data'> & { action: Exclude<Step['action'], 'save' | 'proxySave'> },
): Promise<ReportRow> {
  return inTransaction(db, (tx) => runStep(tx, actor, input));
}

/** The old count of a county's reports (LEFTOVER: the server's reportStatusCounts command). */
export async function reportStatusCounts(
  db: Database | Queryable,
  actor: Actor,
  q: { countyCode: string; year: number },
): Promise<ReportStatusCounts> {
  const year = checkYear(q.year);
  const message = `没有找到县 ${String(q.countyCode)}，或您无权查看该县的数据`;
  if (resourceRegionLevel(q.countyCode) !== 'county') throw new AccessError('notFound', message);
  requireAllowed(actor, 'view', { kind: 'school', regionCode: q.countyCode }, message);
  if (!(await countyExists(db, q.countyCode))) throw new AccessError('notFound', message);
  return countReportsByStatus(db, q.countyCode, year);
}
