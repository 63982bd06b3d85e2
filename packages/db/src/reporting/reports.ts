/**
 * @module The annual report commands the HTTP API calls: read one school's report of a year and
 * 学段, save a draft, and move it through the workflow (core's reportWorkflow.ts). Each write is one
 * transaction: the report row locked (SELECT … FOR UPDATE), the access policy (core's explain), the
 * workflow rule and the optimistic version check (decideTransition), the UPDATE (the schema's
 * triggers demand version + 1 and copy every version to school_report_version), and the audit
 * event, last.
 *
 * Decisions:
 * - A report the actor may not even view is answered exactly like a report that does not exist
 *   (code notFound, same message): direct ID guessing learns nothing. An actor who may view it but
 *   not do the action gets notAllowed with explain's reason (or decideTransition's).
 * - Policy actions: save → edit, submit → submit, return/approve → review, reopen/unlock → reopen,
 *   lock → publish (锁定 happens when the county's evaluation is published).
 * - Reviewer comments live in school_report.review_comments as {field: text} ("" = the whole
 *   report; several comments on one field joined by a newline). return and reopen set them (reopen
 *   only when given), approve clears them, save/submit/lock/unlock keep them so the school sees what
 *   to fix and the reviewer what was asked. Every version keeps its comments in
 *   school_report_version.
 * - A draft save replaces the whole data object (the form sends the whole report). The audit
 *   event's before/after hold status, version and only the data fields that changed (the full data
 *   of every version is in school_report_version); after also holds the comments when they changed.
 * - Refused requests write nothing, not even an audit event (the server may log them).
 * - 催报 (remind, issue 10 #23) writes no version: a report_reminder row (its reason is the message)
 *   and an audit event. 代为填报 / 代为提交 (proxySave / proxySubmit) are the bureau's save and submit on
 *   the school's behalf: same checks, plus proxy_by/proxy_at/proxy_reason, shown as 教育局代报.
 * - previewTransition runs every check of a command (view, policy, workflow, version, account) and
 *   writes nothing: a batch's confirmation lists exactly what the commands will do.
 */
import {
  type Actor,
  decideTransition,
  explain,
  type FieldComment,
  type PolicyAction,
  type ReportAction,
  type ReportStatus,
  type Resource,
  STAGES,
  type Stage,
  type TransitionResult,
} from '@junheng/core';
import { appendAudit } from '../audit/audit.js';
import { type Database, jsonb, type Queryable } from '../platform/database.js';

export type ReportErrorCode =
  | 'conflict'
  | 'notAllowed'
  | 'wrongState'
  | 'reasonRequired'
  | 'commentsRequired'
  | 'notFound'
  | 'invalidData';

/** A refused report request: a stable code and a Chinese message for the user. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    /**
     * For the server's log only, never for the response: the policy rule that denied the request
     * (a notFound may hide a denial).
     */
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

/** Which report: one per school, school year (2025 = 2025—2026学年) and 学段. */
export interface ReportKey {
  schoolId: string;
  year: number;
  stage: Stage;
}

/** A report as the API shows it. `version` is the ETag to send back with the next write. */
export interface Report extends ReportKey {
  id: number;
  status: ReportStatus;
  version: number;
  /** core's StageReport fields without `stage`; null means 未填报. */
  data: Record<string, number | null>;
  /** Reviewer comments per field ("" = the report as a whole), or null. */
  reviewComments: Record<string, string> | null;
  /** The school's region (county or township), for scoping in the caller. */
  regionCode: string;
  updatedBy: number | null;
  updatedAt: Date;
  submittedBy: number | null;
  submittedAt: Date | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  /** 教育局代报: who at the bureau filled in or submitted it for the school, when and why. */
  proxy: { byName: string | null; at: Date; reason: string } | null;
  /** 催报 the school received, newest first. */
  reminders: ReportReminder[];
}

/** One 催报 of a report. */
export interface ReportReminder {
  message: string;
  byName: string | null;
  at: Date;
}

export interface SaveDraftInput extends ReportKey {
  data: Record<string, unknown>;
  expectedVersion: number;
  /** 代为填报: the bureau saves for the school (action proxySave), with this reason. */
  proxyReason?: string;
  ip?: string | null;
}

export interface TransitionInput extends ReportKey {
  action: Exclude<ReportAction, 'save' | 'proxySave'>;
  expectedVersion: number;
  reason?: string;
  comments?: FieldComment[];
  ip?: string | null;
}

/** The policy action each workflow action needs. */
export const REPORT_POLICY_ACTIONS: Record<ReportAction, PolicyAction> = {
  save: 'edit',
  submit: 'submit',
  return: 'review',
  approve: 'review',
  reopen: 'reopen',
  unlock: 'reopen',
  lock: 'publish',
  // The bureau's work on a report it reviews: same scope (rules.ts bureau.reviewReports).
  remind: 'review',
  proxySave: 'review',
  proxySubmit: 'review',
};

interface ReportRow {
  id: number;
  school_id: string;
  year: number;
  stage: Stage;
  status: ReportStatus;
  version: number;
  data: Record<string, number | null>;
  review_comments: Record<string, string> | null;
  region_code: string;
  updated_by: number | null;
  updated_at: Date;
  submitted_by: number | null;
  submitted_at: Date | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  proxy_at: Date | null;
  proxy_reason: string | null;
  proxy_by_name: string | null;
}

const REPORT_SELECT = `SELECT r.id, r.school_id, r.year, r.stage, r.status, r.version, r.data, r.review_comments,
       s.region_code, r.updated_by, r.updated_at, r.submitted_by, r.submitted_at, r.reviewed_by, r.reviewed_at,
       r.proxy_at, r.proxy_reason, pu.display_name AS proxy_by_name
  FROM school_report r JOIN school s ON s.id = r.school_id LEFT JOIN app_user pu ON pu.id = r.proxy_by
 WHERE r.school_id = $1 AND r.year = $2 AND r.stage = $3`;

const STAGE_NAMES: Record<Stage, string> = { primary: '小学', junior: '初中' };

/** How many reminders a report shows (the audit log keeps them all). */
const REMINDERS_SHOWN = 20;

async function remindersOf(db: Database | Queryable, reportId: number): Promise<ReportReminder[]> {
  const { rows } = await db.query<{ message: string; by_name: string | null; created_at: Date }>(
    `SELECT m.message, u.display_name AS by_name, m.created_at
       FROM report_reminder m LEFT JOIN app_user u ON u.id = m.created_by
      WHERE m.report_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT ${REMINDERS_SHOWN}`,
    [reportId],
  );
  return rows.map((m) => ({ message: m.message, byName: m.by_name, at: m.created_at }));
}

function toReport(r: ReportRow, reminders: ReportReminder[] = []): Report {
  return {
    id: r.id,
    schoolId: r.school_id,
    year: r.year,
    stage: r.stage,
    status: r.status,
    version: r.version,
    data: r.data,
    reviewComments: r.review_comments,
    regionCode: r.region_code,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    proxy:
      r.proxy_at && r.proxy_reason
        ? { byName: r.proxy_by_name, at: r.proxy_at, reason: r.proxy_reason }
        : null,
    reminders,
  };
}

/** The words of a report that does not exist or may not be seen: the same on every route. */
export function reportNotFoundMessage(key: ReportKey): string {
  const stage = STAGE_NAMES[key.stage] ?? String(key.stage);
  return `没有找到学校 ${key.schoolId} ${key.year} 学年${stage}的报表，或您无权查看该报表`;
}

/** Whether a value from a request is a 学段. */
export function isStage(v: unknown): v is Stage {
  return (STAGES as readonly unknown[]).includes(v);
}

function notFound(key: ReportKey, rule?: string): ReportError {
  return new ReportError('notFound', reportNotFoundMessage(key), rule);
}

function resourceOf(row: Pick<ReportRow, 'region_code' | 'school_id'>): Resource {
  return { kind: 'schoolReport', regionCode: row.region_code, schoolId: row.school_id };
}

/** The view check every command starts with: a report one may not view does not exist. */
function checkVisible(actor: Actor, key: ReportKey, row: ReportRow | undefined): ReportRow {
  if (!row) throw notFound(key);
  const view = explain(actor, 'view', resourceOf(row));
  if (!view.allowed) throw notFound(key, view.rule);
  return row;
}

function isValidKey(key: ReportKey): boolean {
  return (
    typeof key.schoolId === 'string' &&
    Number.isInteger(key.year) &&
    (key.stage === 'primary' || key.stage === 'junior')
  );
}

/**
 * Reads one report.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param key school, year and 学段
 * @returns the report, with its version (the ETag)
 * @throws ReportError notFound when it does not exist or the actor may not view it (same answer)
 */
export async function getReport(db: Database | Queryable, actor: Actor, key: ReportKey): Promise<Report> {
  if (!isValidKey(key)) throw notFound(key);
  const { rows } = await db.query<ReportRow>(REPORT_SELECT, [key.schoolId, key.year, key.stage]);
  const row = checkVisible(actor, key, rows[0]);
  return toReport(row, await remindersOf(db, row.id));
}

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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Command extends ReportKey {
  action: ReportAction;
  expectedVersion: number;
  data?: Record<string, unknown>;
  reason?: string;
  comments?: FieldComment[];
  ip?: string | null;
}

/** What a command will do, once every check passed. */
interface Checked {
  row: ReportRow;
  decision: Extract<TransitionResult, { ok: true }>;
  by: { id: number; username: string };
}

/** Every check of a command, in order; nothing is written. The row is locked when `lock`. */
async function checkCommand(tx: Queryable, actor: Actor, cmd: Command, lock: boolean): Promise<Checked> {
  if (!isValidKey(cmd)) throw notFound(cmd);
  if ((cmd.action === 'save' || cmd.action === 'proxySave') && !isPlainObject(cmd.data)) {
    throw new ReportError('invalidData', '保存报表需要提供报表数据（“字段: 数值”形式的对象）');
  }
  const { rows } = await tx.query<ReportRow>(`${REPORT_SELECT}${lock ? ' FOR UPDATE OF r' : ''}`, [
    cmd.schoolId,
    cmd.year,
    cmd.stage,
  ]);
  const row = checkVisible(actor, cmd, rows[0]);
  const policy = explain(actor, REPORT_POLICY_ACTIONS[cmd.action], resourceOf(row));
  if (!policy.allowed) throw new ReportError('notAllowed', policy.reason, policy.rule);

  const decision = decideTransition(
    { status: row.status, version: row.version },
    {
      action: cmd.action,
      role: actor.role,
      expectedVersion: cmd.expectedVersion,
      reason: cmd.reason,
      comments: cmd.comments,
    },
  );
  if (!decision.ok) throw new ReportError(decision.code, decision.message);

  const user = await tx.query<{ id: number; username: string }>(
    'SELECT id, username FROM app_user WHERE id = $1 AND disabled_at IS NULL',
    [Number(actor.id)],
  );
  const by = user.rows[0];
  if (!by) throw new ReportError('notAllowed', '账号不存在或已停用，请重新登录');
  return { row, decision, by };
}

/** 催报: the message the school sees and its audit event; the report itself is unchanged. */
async function recordReminder(tx: Queryable, cmd: Command, { row, by }: Checked): Promise<void> {
  const message = cmd.reason!.trim();
  await tx.query('INSERT INTO report_reminder (report_id, message, created_by) VALUES ($1, $2, $3)', [
    row.id,
    message,
    by.id,
  ]);
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
  const updated = await tx.query<{ id: number }>(
    `UPDATE school_report
        SET version = $2, status = $3, data = $4::jsonb, review_comments = $5::jsonb, updated_by = $6,
            updated_at = now(),
            submitted_by = CASE WHEN $7::boolean THEN $6 ELSE submitted_by END,
            submitted_at = CASE WHEN $7::boolean THEN now() ELSE submitted_at END,
            reviewed_by = CASE WHEN $8::boolean THEN $6 ELSE reviewed_by END,
            reviewed_at = CASE WHEN $8::boolean THEN now() ELSE reviewed_at END,
            proxy_by = CASE WHEN $10::boolean THEN $6 ELSE proxy_by END,
            proxy_at = CASE WHEN $10::boolean THEN now() ELSE proxy_at END,
            proxy_reason = CASE WHEN $10::boolean THEN $11 ELSE proxy_reason END
      WHERE id = $1 AND version = $9
      RETURNING id`,
    [
      row.id,
      decision.version,
      decision.to,
      jsonb(data),
      comments === null ? null : jsonb(comments),
      by.id,
      submits,
      reviews,
      row.version,
      onBehalf,
      onBehalf ? cmd.reason!.trim() : null,
    ],
  );
  // Cannot happen under FOR UPDATE; kept so a changed isolation level cannot overwrite silently.
  if (updated.rowCount !== 1) {
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

  const fresh = await tx.query<ReportRow>(REPORT_SELECT, [cmd.schoolId, cmd.year, cmd.stage]);
  return toReport(fresh.rows[0]!, await remindersOf(tx, row.id));
}

function inTransaction<T>(db: Database | Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db ? db.transaction(fn) : fn(db);
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

/** What a transition would do: the report's status before and after (every check passed). */
export interface TransitionPreview {
  id: number;
  from: ReportStatus;
  to: ReportStatus;
  version: number;
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
