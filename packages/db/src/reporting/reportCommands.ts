/**
 * @module The report commands: save a draft and move a report through the workflow, each in one
 * transaction (the row locked, every check, the UPDATE, the audit event last), 催报 recorded
 * without a new version, and the preview of a transition that writes nothing.
 */
import type { Actor, FieldComment } from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { inTransaction } from '../platform/queryKit.js';
import { type Checked, type Command, checkCommand, isPlainObject } from './reportChecks.js';
import { readReport, remindersOf, toReport } from './reportRecords.js';
import {
  type Report,
  ReportError,
  type SaveDraftInput,
  type TransitionInput,
  type TransitionPreview,
} from './reportTypes.js';

/** {field: text} from field comments; blank comments dropped, several on one field joined. */
function commentsObject(comments: readonly FieldComment[] | undefined): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const c of comments ?? []) {
    const text = c.text.trim();
    if (!text) continue;
    const field = c.field.trim();
    out[field] = out[field] === undefined ? text : `${out[field]}\n${text}`;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The data fields that differ, old values in `before`, new in `after` (absent written as null). */
function dataDiff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[field] ?? null;
    const now = after[field] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(now)) {
      b[field] = old;
      a[field] = now;
    }
  }
  return { before: b, after: a };
}

/** 催报: the message the school sees and its audit event; the report itself is unchanged. */
async function recordReminder(tx: Queryable, cmd: Command, { row, by }: Checked): Promise<void> {
  const message = cmd.reason!.trim();
  await sqlOf(tx)
    .insertInto('report_reminder')
    .values({ report_id: row.id, message, created_by: by.id })
    .execute();
  await appendAudit(tx, {
    actor: by.username,
    actorId: by.id,
    action: `report.${cmd.action}`,
    entity: 'school_report',
    entityId: String(row.id),
    before: { status: row.status, version: row.version },
    after: { status: row.status, version: row.version, reminder: message },
    reason: message,
    ip: cmd.ip ?? null,
  });
}

async function runCommand(tx: Queryable, actor: Actor, cmd: Command): Promise<Report> {
  const checked = await checkCommand(tx, actor, cmd, true);
  const { row, decision, by } = checked;
  if (decision.rule.recordOnly) {
    await recordReminder(tx, cmd, checked);
    return toReport(row, await remindersOf(tx, row.id));
  }

  const saves = cmd.action === 'save' || cmd.action === 'proxySave';
  const data = saves ? cmd.data! : row.data;
  let comments = row.review_comments;
  if (cmd.action === 'return') comments = commentsObject(cmd.comments);
  else if (cmd.action === 'reopen') comments = commentsObject(cmd.comments) ?? row.review_comments;
  else if (cmd.action === 'approve') comments = null;

  const submits = decision.rule.to === 'submitted';
  const reviews = cmd.action === 'return' || cmd.action === 'approve' || cmd.action === 'reopen';
  const onBehalf = decision.rule.onBehalf === true;
  // Columns a step does not set keep their values; the timestamps are the transaction's time.
  const now = sql<Date>`now()`;
  const updated = await sqlOf(tx)
    .updateTable('school_report')
    .set({
      version: decision.version,
      status: decision.to,
      data: jsonb(data),
      review_comments: comments === null ? null : jsonb(comments),
      updated_by: by.id,
      updated_at: now,
      ...(submits ? { submitted_by: by.id, submitted_at: now } : {}),
      ...(reviews ? { reviewed_by: by.id, reviewed_at: now } : {}),
      ...(onBehalf ? { proxy_by: by.id, proxy_at: now, proxy_reason: cmd.reason!.trim() } : {}),
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returning('id')
    .execute();
  // Cannot happen under FOR UPDATE; kept so a changed isolation level cannot overwrite silently.
  if (updated.length !== 1) {
    throw new ReportError('conflict', '该报表已被他人修改：请刷新后在最新版本上修改，您的改动未保存');
  }

  const diff = dataDiff(row.data, data);
  const commentsChanged = JSON.stringify(comments) !== JSON.stringify(row.review_comments);
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
      ...(commentsChanged ? { reviewComments: row.review_comments } : {}),
    },
    after: {
      status: decision.to,
      version: decision.version,
      data: diff.after,
      ...(commentsChanged ? { reviewComments: comments } : {}),
      ...(onBehalf ? { onBehalfOf: row.school_id } : {}),
    },
    reason: cmd.reason?.trim() || null,
    ip: cmd.ip ?? null,
  });

  const fresh = await readReport(tx, cmd);
  return toReport(fresh!, await remindersOf(tx, row.id));
}

/**
 * Saves the school's draft (填报中 or 已退回 reports): replaces the data, version + 1.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user (a school or principal user of the report's school)
 * @param input the report, its new data, and the version the user edited
 * @returns the report as saved (its new version is the next ETag)
 * @throws ReportError notFound, notAllowed, conflict, wrongState or invalidData; nothing is written
 */
export function saveReportDraft(
  db: Database | Queryable,
  actor: Actor,
  input: SaveDraftInput,
): Promise<Report> {
  if (!isPlainObject(input.data)) {
    return Promise.reject(new ReportError('invalidData', '报表数据必须是“字段: 数值”形式的对象'));
  }
  const { stage: _stage, ...data } = input.data;
  const { proxyReason, ...rest } = input;
  // The bureau saves for the school only as 代为填报 (proxySave), which needs the reason.
  const action = proxyReason === undefined ? 'save' : 'proxySave';
  return inTransaction(db, (tx) => runCommand(tx, actor, { ...rest, action, data, reason: proxyReason }));
}

/**
 * Moves a report through the workflow: submit, return (with comments), approve, reopen and unlock
 * (with a reason), lock.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user
 * @param input the report, the action, the version the user saw, and the reason or comments
 * @returns the report after the transition
 * @throws ReportError notFound, notAllowed, conflict, wrongState, reasonRequired or
 *   commentsRequired; nothing is written
 */
export function transitionReport(
  db: Database | Queryable,
  actor: Actor,
  input: TransitionInput,
): Promise<Report> {
  const { data: _data, ...rest } = input as TransitionInput & { data?: unknown };
  return inTransaction(db, (tx) => runCommand(tx, actor, rest));
}

/**
 * Runs every check of a transition (view, policy, workflow table, version, account) and writes
 * nothing: a batch's confirmation shows exactly what the commands will then do.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param input the report, the action, the version the user saw, and the reason or comments
 * @returns the status before and after
 * @throws ReportError as transitionReport would
 */
export async function previewTransition(
  db: Database | Queryable,
  actor: Actor,
  input: TransitionInput,
): Promise<TransitionPreview> {
  const { data: _data, ...cmd } = input as TransitionInput & { data?: unknown };
  const { row, decision } = await checkCommand(db, actor, cmd, false);
  return { id: row.id, from: row.status, to: decision.to, version: decision.version };
}
