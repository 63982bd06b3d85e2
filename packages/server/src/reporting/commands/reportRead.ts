/**
 * @module Reading one report: the report as the commands answer it (with its latest 催报), the view
 * check every report command starts with — a report one may not view is answered exactly like one
 * that does not exist (notFound, the same words: guessing IDs learns nothing) — and the form's read,
 * which offers a report nobody has started as an empty draft when the user may start it.
 */
import {
  type Actor,
  explain,
  isValidReportKey,
  Refusal,
  type ReportKey,
  type ReportStatus,
  reportNotFound,
  reportResource,
} from '@junheng/core';
import {
  type Database,
  type Queryable,
  type ReportReminder,
  type ReportRow,
  readReport,
  remindersOf,
} from '@junheng/db';
import type { CommandContext } from '../../platform/commands.js';
import type { SchoolDetail } from '../../schools/present.js';
import { getSchool } from '../../schools/schoolCommands.js';

/** A report as the commands answer it. `version` is the ETag to send back with the next write. */
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

/** A report with its latest reminders, read in the caller's transaction (or outside one). */
export async function reportWithReminders(db: Database | Queryable, row: ReportRow): Promise<Report> {
  return toReport(row, await remindersOf(db, row.id));
}

/**
 * The report's row, when it exists and the actor may view it.
 * @param lock lock the row (FOR UPDATE) for the caller's transaction
 * @throws Refusal notFound when it does not exist or may not be seen (same answer)
 */
export async function readVisibleReport(
  db: Database | Queryable,
  actor: Actor,
  key: ReportKey,
  lock = false,
): Promise<ReportRow> {
  if (!isValidReportKey(key)) throw reportNotFound(key);
  const row = await readReport(db, key, lock);
  if (!row) throw reportNotFound(key);
  const view = explain(actor, 'view', reportResource(row.region_code, row.school_id));
  if (!view.allowed) throw reportNotFound(key, view.rule);
  return row;
}

/**
 * Reads one report.
 * @returns the report, with its version (the ETag)
 * @throws Refusal notFound when it does not exist or the actor may not view it (same answer)
 */
export async function getReport(ctx: CommandContext, key: ReportKey): Promise<Report> {
  return reportWithReminders(ctx.db, await readVisibleReport(ctx.db, ctx.actor, key));
}

/** The form's read: the report, or the school of a report nobody has started that may be. */
export type ReportForm = { report: Report } | { notStarted: Pick<SchoolDetail, 'id' | 'regionCode'> };

/**
 * Reads the form of a report: the report, or — when nobody has started it, and it is a 学段 of an
 * open school the user may see — the school, for an empty draft at version 0 (saving it with
 * version 0 creates it).
 * @throws Refusal notFound as getReport when there is neither
 */
export async function readReportForm(ctx: CommandContext, key: ReportKey): Promise<ReportForm> {
  try {
    return { report: await getReport(ctx, key) };
  } catch (e) {
    if (!(e instanceof Refusal) || e.code !== 'notFound') throw e;
    const school = await getSchool(ctx, { id: key.schoolId, year: key.year }).catch(() => null);
    if (school?.status !== 'open' || !school.stages.includes(key.stage)) throw e;
    return { notStarted: { id: school.id, regionCode: school.regionCode } };
  }
}
