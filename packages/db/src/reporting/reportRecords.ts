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
import { type Report, ReportError, type ReportKey, type ReportReminder } from './reportTypes.js';

export interface ReportRow {
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

export const REPORT_SELECT = `SELECT r.id, r.school_id, r.year, r.stage, r.status, r.version, r.data, r.review_comments,
       s.region_code, r.updated_by, r.updated_at, r.submitted_by, r.submitted_at, r.reviewed_by, r.reviewed_at,
       r.proxy_at, r.proxy_reason, pu.display_name AS proxy_by_name
  FROM school_report r JOIN school s ON s.id = r.school_id LEFT JOIN app_user pu ON pu.id = r.proxy_by
 WHERE r.school_id = $1 AND r.year = $2 AND r.stage = $3`;

/** How many reminders a report shows (the audit log keeps them all). */
const REMINDERS_SHOWN = 20;

export async function remindersOf(db: Database | Queryable, reportId: number): Promise<ReportReminder[]> {
  const { rows } = await db.query<{ message: string; by_name: string | null; created_at: Date }>(
    `SELECT m.message, u.display_name AS by_name, m.created_at
       FROM report_reminder m LEFT JOIN app_user u ON u.id = m.created_by
      WHERE m.report_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT ${REMINDERS_SHOWN}`,
    [reportId],
  );
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
  const { rows } = await db.query<ReportRow>(REPORT_SELECT, [key.schoolId, key.year, key.stage]);
  const row = checkVisible(actor, key, rows[0]);
  return toReport(row, await remindersOf(db, row.id));
}
