/**
 * @module The annual report's repository: one report's row by its key (locked for a write), its
 * 催报, its versions, the school a new report is created for, and the writes — a new empty draft, a
 * step of the workflow (the schema's triggers demand version + 1 and copy every version to
 * school_report_version), a reminder. SQL only: the server's report commands decide who may do
 * what (reporting/commands) and audit it.
 */
import type { ReportKey, ReportStatus, SchoolType, Stage } from '@junheng/core';
import { sql } from 'kysely';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { ensureSchoolYear } from '../schools/schoolYears.js';

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
    // Written by the report commands (data as the form sends it, comments as core's commentsObject
    // makes them) and the imports; a new report starts with {}.
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
  db: Database | Queryable,
  key: ReportKey,
  lock = false,
): Promise<ReportRow | undefined> {
  const query = reportByKey(db, key);
  const row = await (lock ? query.forUpdate('r') : query).executeTakeFirst();
  return row && typedReport(row);
}

/** One 催报 of a report. */
export interface ReportReminder {
  message: string;
  byName: string | null;
  at: Date;
}

/** How many reminders a report shows (the audit log keeps them all). */
const REMINDERS_SHOWN = 20;

/** The latest 催报 of a report, newest first. */
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

/** Records a 催报: the message the school sees (the report itself is unchanged). */
export async function insertReminder(
  tx: Queryable,
  reminder: { reportId: number; message: string; by: number },
): Promise<void> {
  await sqlOf(tx)
    .insertInto('report_reminder')
    .values({ report_id: reminder.reportId, message: reminder.message, created_by: reminder.by })
    .execute();
}

/** One step of a report: its new state, who did it, and which of the step's columns it sets. */
export interface ReportStep {
  id: number;
  /** The version the step starts from (the row is only written at this version). */
  fromVersion: number;
  version: number;
  status: ReportStatus;
  data: Record<string, unknown>;
  reviewComments: Record<string, string> | null;
  by: number;
  /** Sets submitted_by / submitted_at. */
  submits: boolean;
  /** Sets reviewed_by / reviewed_at. */
  reviews: boolean;
  /** 代报: sets proxy_by / proxy_at / proxy_reason. */
  proxyReason?: string;
}

/**
 * Writes a step of a report; columns a step does not set keep their values, the timestamps are the
 * transaction's time.
 * @returns whether the row was written (false: its version is no longer `fromVersion`)
 */
export async function writeReportStep(tx: Queryable, step: ReportStep): Promise<boolean> {
  const now = sql<Date>`now()`;
  const updated = await sqlOf(tx)
    .updateTable('school_report')
    .set({
      version: step.version,
      status: step.status,
      data: jsonb(step.data),
      review_comments: step.reviewComments === null ? null : jsonb(step.reviewComments),
      updated_by: step.by,
      updated_at: now,
      ...(step.submits ? { submitted_by: step.by, submitted_at: now } : {}),
      ...(step.reviews ? { reviewed_by: step.by, reviewed_at: now } : {}),
      ...(step.proxyReason === undefined
        ? {}
        : { proxy_by: step.by, proxy_at: now, proxy_reason: step.proxyReason }),
    })
    .where('id', '=', step.id)
    .where('version', '=', step.fromVersion)
    .returning('id')
    .execute();
  return updated.length === 1;
}

/**
 * The school a report is to be created for, locked (FOR SHARE) so that it cannot be closed or
 * retyped while its report is being created; undefined when there is no such school.
 */
export async function schoolForNewReport(tx: Queryable, schoolId: string) {
  const school = await sqlOf(tx)
    .selectFrom('school')
    .select(['type', 'status', 'region_code', 'name'])
    .where('id', '=', schoolId)
    .forShare()
    .executeTakeFirst();
  // The schema's CHECK admits exactly core's SCHOOL_TYPE_NAMES.
  return school && { ...school, type: school.type as SchoolType };
}

/** The id of a report, or undefined when it does not exist. */
export async function reportIdOf(db: Database | Queryable, key: ReportKey): Promise<number | undefined> {
  const row = await sqlOf(db)
    .selectFrom('school_report')
    .select('id')
    .where('school_id', '=', key.schoolId)
    .where('year', '=', key.year)
    .where('stage', '=', key.stage)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Creates an empty draft report (data {}, version 1), and the school year if needed.
 * @returns its id, or undefined when a concurrent create of the same report won (ON CONFLICT)
 */
export async function insertEmptyReport(
  tx: Queryable,
  key: ReportKey,
  by: number,
): Promise<number | undefined> {
  await ensureSchoolYear(tx, key.year);
  const created = await sqlOf(tx)
    .insertInto('school_report')
    .values({ school_id: key.schoolId, year: key.year, stage: key.stage, data: jsonb({}), updated_by: by })
    .onConflict((oc) => oc.columns(['school_id', 'year', 'stage']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return created?.id;
}

/** A report's id and its school's region (for the policy), or undefined when it does not exist. */
export async function reportPlaceOf(
  db: Database | Queryable,
  key: ReportKey,
): Promise<{ id: number; regionCode: string } | undefined> {
  const r = await sqlOf(db)
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select(['r.id', 's.region_code'])
    .where('r.school_id', '=', key.schoolId)
    .where('r.year', '=', key.year)
    .where('r.stage', '=', key.stage)
    .executeTakeFirst();
  return r && { id: r.id, regionCode: r.region_code };
}

/** One stored version of a report (school_report_version). */
export interface ReportVersion {
  version: number;
  status: ReportStatus;
  data: Record<string, unknown>;
  reviewComments: Record<string, string> | null;
  /** Who wrote this version (null for imports by the system). */
  actorId: number | null;
  actorName: string | null;
  at: Date;
}

/** The versions of one report, oldest first. */
export async function reportVersions(db: Database | Queryable, reportId: number): Promise<ReportVersion[]> {
  const rows = await sqlOf(db)
    .selectFrom('school_report_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.actor_id')
    .select([
      'v.version',
      'v.status',
      'v.data',
      'v.review_comments',
      'v.actor_id',
      'u.display_name as actor_name',
      'v.at',
    ])
    .where('v.report_id', '=', reportId)
    .orderBy('v.version')
    .execute();
  return rows.map((v) => ({
    version: v.version,
    // The schema's CHECK admits exactly core's REPORT_STATUSES.
    status: v.status as ReportStatus,
    // Copies of school_report's data and comments (its trigger writes every version).
    data: v.data as Record<string, unknown>,
    reviewComments: v.review_comments as Record<string, string> | null,
    actorId: v.actor_id,
    actorName: v.actor_name,
    at: v.at,
  }));
}
