/**
 * @module The report commands that write: save a draft and move a report through the workflow
 * (core's reportWorkflow.ts), each in one transaction — the report row locked (SELECT … FOR
 * UPDATE), the view and the access policy, the workflow rule and the optimistic version check
 * (decideTransition), the acting user, the UPDATE (the schema's triggers demand version + 1 and copy
 * every version to school_report_version), and the audit event, last — and the preview of a step
 * that runs every check and writes nothing (a batch's confirmation lists exactly what will happen).
 *
 * Decisions:
 * - Policy actions: core's REPORT_POLICY_ACTIONS (save → edit, submit → submit, return/approve →
 *   review, reopen/unlock → reopen, lock → publish; the bureau's remind/proxySave/proxySubmit →
 *   review). One who may view but not act gets notAllowed with the policy's reason.
 * - Comments: core's commentsAfter (return sets them, reopen when given, approve clears them).
 * - A draft save replaces the whole data object. The audit event's before/after hold status,
 *   version and only the data fields that changed; after also holds the comments when they changed.
 * - A stale version is refused as conflict with who saved the newer one and when (the dialog's
 *   details), read in the same transaction.
 * - 催报 (remind) writes no version: a report_reminder row (its reason is the message) and an audit
 *   event. 代为填报 / 代为提交 are the bureau's save and submit for the school, marked 教育局代报.
 * - Refused requests write nothing, not even an audit event.
 */
import {
  type ConflictDetails,
  commentsAfter,
  dataDiff,
  decideTransition,
  explain,
  type FieldComment,
  isPlainObject,
  isValidReportKey,
  policyRefusal,
  REPORT_POLICY_ACTIONS,
  Refusal,
  type ReportAction,
  type ReportKey,
  type ReportStatus,
  reportNotFound,
  reportResource,
  type TransitionResult,
} from '@junheng/core';
import {
  type ActingUser,
  insertReminder,
  inTransaction,
  lastSaveOf,
  type Queryable,
  type ReportRow,
  readReport,
  writeReportStep,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../platform/commands.js';
import { type Report, readVisibleReport, reportWithReminders } from './reportRead.js';

/** A step asked of one report. */
export interface ReportCommand extends ReportKey {
  action: ReportAction;
  expectedVersion: number;
  data?: Record<string, unknown>;
  reason?: string;
  comments?: FieldComment[];
}

export interface SaveDraftInput extends ReportKey {
  data: Record<string, unknown>;
  expectedVersion: number;
  /** 代为填报: the bureau saves for the school (action proxySave), with this reason. */
  proxyReason?: string;
}

export interface TransitionInput extends ReportKey {
  action: Exclude<ReportAction, 'save' | 'proxySave'>;
  expectedVersion: number;
  reason?: string;
  comments?: FieldComment[];
}

/** What a transition would do: the report's status before and after (every check passed). */
export interface TransitionPreview {
  id: number;
  from: ReportStatus;
  to: ReportStatus;
  version: number;
}

/** What a command will do, once every check passed. */
interface Checked {
  row: ReportRow;
  decision: Extract<TransitionResult, { ok: true }>;
  by: ActingUser;
}

/** The conflict's details: the version saved, when, and by whom (when the saver is known). */
async function conflictDetails(tx: Queryable, key: ReportKey): Promise<ConflictDetails | undefined> {
  const r = await lastSaveOf(tx, key);
  if (!r) return undefined;
  return {
    currentVersion: r.version,
    updatedAt: r.updatedAt.toISOString(),
    ...(r.updatedByName === null ? {} : { updatedByName: r.updatedByName }),
  };
}

/** Every check of a command, in order; nothing is written. The row is locked when `lock`. */
async function checkCommand(
  tx: Queryable,
  ctx: CommandContext,
  cmd: ReportCommand,
  lock: boolean,
): Promise<Checked> {
  if (!isValidReportKey(cmd)) throw reportNotFound(cmd);
  if ((cmd.action === 'save' || cmd.action === 'proxySave') && !isPlainObject(cmd.data)) {
    throw new Refusal('invalidRequest', 'reporting.saveNeedsData');
  }
  const row = await readVisibleReport(tx, ctx.actor, cmd, lock);
  const policy = explain(
    ctx.actor,
    REPORT_POLICY_ACTIONS[cmd.action],
    reportResource(row.region_code, row.school_id),
  );
  if (!policy.allowed) throw policyRefusal(policy);
  const decision = decideTransition(
    { status: row.status, version: row.version },
    {
      action: cmd.action,
      role: ctx.actor.role,
      expectedVersion: cmd.expectedVersion,
      reason: cmd.reason,
      comments: cmd.comments,
    },
  );
  if (!decision.ok) {
    const details = decision.code === 'conflict' ? await conflictDetails(tx, cmd) : undefined;
    throw new Refusal(decision.code, decision.key, decision.params, { details });
  }
  return { row, decision, by: await actingUser(tx, ctx.actor) };
}

/** 催报: the message the school sees and its audit event; the report itself is unchanged. */
async function recordReminder(tx: Queryable, ctx: CommandContext, cmd: ReportCommand, c: Checked) {
  const message = cmd.reason!.trim();
  await insertReminder(tx, { reportId: c.row.id, message, by: c.by.id });
  const state = { status: c.row.status, version: c.row.version };
  await recordChange(
    tx,
    ctx,
    {
      action: `report.${cmd.action}`,
      entity: 'school_report',
      entityId: c.row.id,
      before: state,
      after: { ...state, reminder: message },
      reason: message,
    },
    c.by,
  );
}

/** One command in the caller's transaction: every check, the step, its audit event. */
async function runCommand(tx: Queryable, ctx: CommandContext, cmd: ReportCommand): Promise<Report> {
  const checked = await checkCommand(tx, ctx, cmd, true);
  const { row, decision, by } = checked;
  if (decision.rule.recordOnly) {
    await recordReminder(tx, ctx, cmd, checked);
    return reportWithReminders(tx, row);
  }
  const data = cmd.action === 'save' || cmd.action === 'proxySave' ? cmd.data! : row.data;
  const comments = commentsAfter(cmd.action, cmd.comments, row.review_comments);
  const onBehalf = decision.rule.onBehalf === true;
  const written = await writeReportStep(tx, {
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
  // Cannot happen under FOR UPDATE; kept so a changed isolation level cannot overwrite silently.
  if (!written) {
    const details = await conflictDetails(tx, cmd);
    throw new Refusal('conflict', 'reporting.changedMeanwhile', {}, { details });
  }
  const diff = dataDiff(row.data, data);
  const commentsChanged = JSON.stringify(comments) !== JSON.stringify(row.review_comments);
  await recordChange(
    tx,
    ctx,
    {
      action: `report.${cmd.action}`,
      entity: 'school_report',
      entityId: row.id,
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
    },
    by,
  );
  return reportWithReminders(tx, (await readReport(tx, cmd))!);
}

/**
 * Saves the school's draft (填报中 or 已退回 reports): replaces the data, version + 1; with a
 * proxyReason it is the bureau's 代为填报.
 * @returns the report as saved (its new version is the next ETag)
 * @throws Refusal notFound, notAllowed, conflict, wrongState, reasonRequired or invalidRequest;
 *   nothing is written
 */
export function saveReportDraft(ctx: CommandContext, input: SaveDraftInput): Promise<Report> {
  if (!isPlainObject(input.data))
    return Promise.reject(new Refusal('invalidRequest', 'reporting.dataNotObject'));
  const { stage: _stage, ...data } = input.data;
  const { proxyReason, ...rest } = input;
  // The bureau saves for the school only as 代为填报 (proxySave), which needs the reason.
  const action = proxyReason === undefined ? 'save' : 'proxySave';
  return inTransaction(ctx.db, (tx) => runCommand(tx, ctx, { ...rest, action, data, reason: proxyReason }));
}

/**
 * Moves a report through the workflow: submit, return (with comments), approve, reopen and unlock
 * (with a reason), lock, remind (催报, reason = the message) and the bureau's proxySubmit.
 * @returns the report after the step
 * @throws Refusal notFound, notAllowed, conflict, wrongState, reasonRequired or commentsRequired;
 *   nothing is written
 */
export function transitionReport(ctx: CommandContext, input: TransitionInput): Promise<Report> {
  const { data: _data, ...cmd } = input as TransitionInput & { data?: unknown };
  return inTransaction(ctx.db, (tx) => runCommand(tx, ctx, cmd));
}

/**
 * Runs every check of a transition (view, policy, workflow table, version, account) and writes
 * nothing.
 * @returns the status before and after
 * @throws Refusal as transitionReport would
 */
export async function previewTransition(
  ctx: CommandContext,
  input: TransitionInput,
): Promise<TransitionPreview> {
  const { data: _data, ...cmd } = input as TransitionInput & { data?: unknown };
  const { row, decision } = await checkCommand(ctx.db as Queryable, ctx, cmd, false);
  return { id: row.id, from: row.status, to: decision.to, version: decision.version };
}
