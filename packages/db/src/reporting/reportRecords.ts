/**
 * @module Reading one report: the row and its SQL, its shaping for the API with the latest 催报, and
 * the view check every command starts with (a report one may not view is answered exactly like one
 * that does not exist).
 */
import {
  type Actor,
  explain,
  type ReportStatus,
  type Resource,
  STAGE_NAMES,
  STAGES,
  type Stage,
} from '@junheng/core';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { type Report, ReportError, type ReportKey, type ReportReminder } from './reportTypes.js';

/** The select of one report by its key, with its school's region and the 代报 user's name. */
function reportByKey(db: Queryable, key: ReportKey) {
  return sqlOf(db)
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .leftJoin('app_user as pu', 'pu.id', 'r.proxy_by')
    .select([
      'r.id',
      'r.school_id',
      'r.year',
      'r.stage',
      'r.status',
      'r.version',
      'r.data',
      'r.review_comments',
      's.region_code',
      'r.updated_by',
      'r.updated_at',
      'r.submitted_by',
      'r.submitted_at',
      'r.reviewed_by',
      'r.reviewed_at',
      'r.proxy_at',
      'r.proxy_reason',
      'pu.display_name as proxy_by_name',
    ])
    .where('r.school_id', '=', key.schoolId)
    .where('r.year', '=', key.year)
    .where('r.stage', '=', key.stage);
}

type StoredReport = NonNullable<Awaited<ReturnType<ReturnType<typeof reportByKey>['executeTakeFirst']>>>;

/** A stored report with its status, 学段 and JSON in core's types. */
function typedReport(r: StoredReport) {
  return {
    ...r,
    // The schema's CHECKs admit exactly core's STAGES and REPORT_STATUSES.
    stage: r.stage as Stage,
    status: r.status as ReportStatus,
    // Written by the report commands (data as the form sends it, comments as commentsObject makes
    // them) and the imports; a new report starts with {}.
    data: r.data as Record<string, number | null>,
    review_comments: r.review_comments as Record<string, string> | null,
  };
}

/** A report's row as the commands read it. */
export type ReportRow = ReturnType<typeof typedReport>;

/**
 * Reads one report's row by its key.
 * @param lock lock the report row (FOR UPDATE OF r) for the caller's transaction
 */
export async function readReport(
  db: Queryable,
  key: ReportKey,
  lock = false,
): Promise<ReportRow | undefined> {
  const query = reportByKey(db, key);
  const row = await (lock ? query.forUpdate('r') : query).executeTakeFirst();
  return row && typedReport(row);
}

/** How many reminders a report shows (the audit log keeps them all). */
const REMINDERS_SHOWN = 20;

export async function remindersOf(db: Database | Queryable, reportId: number): Promise<ReportReminder[]> {
  const rows = await sqlOf(db)
    .selectFrom('report_reminder as m')
    .leftJoin('app_user as u', 'u.id', 'm.created_by')
    .select(['m.message', 'u.display_name as by_name', 'm.created_at'])
    .where('m.report_id', '=', reportId)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(REMINDERS_SHOWN)
    .execute();
  return rows.map((m) => ({ message: m.message, byName: m.by_name, at: m.created_at }));
}

export function toReport(r: ReportRow, reminders: ReportReminder[] = []): Report {
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

export function notFound(key: ReportKey, rule?: string): ReportError {
  return new ReportError('notFound', reportNotFoundMessage(key), rule);
}

export function resourceOf(row: Pick<ReportRow, 'region_code' | 'school_id'>): Resource {
  return { kind: 'schoolReport', regionCode: row.region_code, schoolId: row.school_id };
}

/** The view check every command starts with: a report one may not view does not exist. */
export function checkVisible(actor: Actor, key: ReportKey, row: ReportRow | undefined): ReportRow {
  if (!row) throw notFound(key);
  const view = explain(actor, 'view', resourceOf(row));
  if (!view.allowed) throw notFound(key, view.rule);
  return row;
}

export function isValidKey(key: ReportKey): boolean {
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
  const row = checkVisible(actor, key, await readReport(db, key));
  return toReport(row, await remindersOf(db, row.id));
}
