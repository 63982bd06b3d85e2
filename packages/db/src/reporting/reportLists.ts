/**
 * @module The report queues and history the HTTP API shows around reports.ts's commands: the list
 * of reports an actor may see, one report's versions, the county's count of reports by status
 * (with the ones still missing), and creating an empty draft so a school can start filling in.
 *
 * Decisions:
 * - Lists are scoped with core's visibleRegionPrefix(actor, 'schoolReport') in SQL; single reports
 *   are checked with requireAllowed, and a report the actor may not view is answered like a
 *   missing one (notFound, same message as reports.ts).
 * - reportStatusCounts counts every report row of the county's schools in the year, whatever the
 *   school's status; `missing` counts the reports expected (open schools × expectedReportStages)
 *   that have no row yet. The county check uses a school resource with the county's code, so
 *   school users (bound to one school) and users of other counties get notFound.
 * - The list holds the reports the county still waits for as rows of their own (status `missing`,
 *   version 0, reportCreation.ts missingReportsSql): "全部" shows every school's every expected
 *   report, and the bureau can chase one that was never started. Creating reports is in
 *   reportCreation.ts.
 */
import {
  type Actor,
  REPORT_STATUSES,
  type ReportStatus,
  resourceRegionLevel,
  type SchoolType,
  STAGES,
  type Stage,
  visibleRegionPrefix,
} from '@junheng/core';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { checkYear, orderBy, type Page, paging, scopeCondition, searchText } from '../platform/queryKit.js';
import { expectedInYearSql, expectedReportStages } from '../schools/schools.js';
import { missingReportsSql } from './reportCreation.js';
import { isStage, type ReportKey, reportNotFoundMessage } from './reports.js';

/** A report's place in the review list: its workflow status, or 未填报 (not created yet). */
export type ReportListStatus = ReportStatus | 'missing';
const LIST_STATUSES: readonly ReportListStatus[] = ['missing', ...REPORT_STATUSES];

export interface ReportListItem {
  schoolId: string;
  schoolName: string;
  regionCode: string;
  year: number;
  stage: Stage;
  /** 'missing': the county waits for this report and the school has not started it (version 0). */
  status: ReportListStatus;
  version: number;
  updatedAt: Date | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  /** 教育局代报: the bureau filled in or submitted it for the school. */
  proxied: boolean;
  /** 催报 sent, and the latest (null: never). */
  reminders: number;
  lastRemindedAt: Date | null;
}

export type ReportSort = 'schoolId' | 'schoolName' | 'status' | 'updatedAt' | 'submittedAt';

export interface ReportListQuery {
  year: number;
  /** Any of these statuses (absent or empty: all, the missing ones included). */
  status?: ReportListStatus[];
  stage?: Stage;
  schoolId?: string;
  /** 学校标识码 prefix or a part of the school's name. */
  q?: string;
  page?: number;
  pageSize?: number;
  /** Default schoolId (then stage). */
  sort?: ReportSort;
  order?: 'asc' | 'desc';
}

const REPORT_SORT_COLUMNS: Record<ReportSort, string> = {
  schoolId: 'r.school_id',
  schoolName: 'r.school_name COLLATE "C"',
  // The workflow's order (未填报, draft → locked), not the alphabet.
  status: `array_position(ARRAY[${LIST_STATUSES.map((s) => `'${s}'`).join(', ')}]::text[], r.status)`,
  updatedAt: 'r.updated_at',
  submittedAt: 'r.submitted_at',
};

/** The review list's rows before filtering: every report of the year, and the missing ones. */
function listRowsSql(params: unknown[]): string {
  return `SELECT r.id AS report_id, r.school_id, s.name AS school_name, s.region_code, r.year, r.stage,
                 r.status, r.version, r.updated_at, r.submitted_at, r.reviewed_at,
                 r.proxy_by IS NOT NULL AS proxied
            FROM school_report r JOIN school s ON s.id = r.school_id
           WHERE r.year = $1
          UNION ALL
          ${missingReportsSql('$1', params)}`;
}

/**
 * Lists the reports of a year the actor may see.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param q the year, filters (statuses, stage, school, search text), page and sort
 * @returns one page of reports and how many match
 * @throws AccessError invalidData for an unknown status, stage or sort field, or a bad page
 */
export async function listReports(
  db: Database | Queryable,
  actor: Actor,
  q: ReportListQuery,
): Promise<Page<ReportListItem>> {
  const year = checkYear(q.year);
  const statuses = q.status ?? [];
  if (!Array.isArray(statuses)) throw new AccessError('invalidData', '报表状态应为列表');
  for (const s of statuses) {
    if (!LIST_STATUSES.includes(s)) {
      throw new AccessError('invalidData', `未知的报表状态“${String(s)}”，可选：${LIST_STATUSES.join('、')}`);
    }
  }
  if (q.stage !== undefined && !isStage(q.stage)) {
    throw new AccessError('invalidData', `未知的学段“${String(q.stage)}”，可选：${STAGES.join('、')}`);
  }
  const { page, pageSize, offset } = paging(q);
  // Ties: by school, then 小学 before 初中 (the missing rows have no id to order by).
  const stageOrder = `array_position(ARRAY[${STAGES.map((st) => `'${st}'`).join(', ')}]::text[], r.stage)`;
  const order = orderBy(q.sort, q.order, REPORT_SORT_COLUMNS, 'schoolId', `r.school_id, ${stageOrder}`);
  const text = searchText(q.q);

  const params: unknown[] = [year];
  const rowsSql = listRowsSql(params);
  const where = [
    scopeCondition(visibleRegionPrefix(actor, 'schoolReport'), params, {
      region: 'r.region_code',
      school: 'r.school_id',
    }),
  ];
  if (statuses.length > 0) {
    params.push(statuses);
    where.push(`r.status = ANY($${params.length}::text[])`);
  }
  if (q.stage !== undefined) {
    params.push(q.stage);
    where.push(`r.stage = $${params.length}`);
  }
  if (q.schoolId !== undefined) {
    params.push(String(q.schoolId));
    where.push(`r.school_id = $${params.length}`);
  }
  if (text !== undefined) {
    params.push(text);
    where.push(
      `(starts_with(r.school_id, $${params.length}) OR strpos(lower(r.school_name), lower($${params.length})) > 0)`,
    );
  }
  const from = `FROM (${rowsSql}) r WHERE ${where.join(' AND ')}`;
  const count = await db.query<{ n: number }>(`SELECT count(*) AS n ${from}`, params);
  const rows = await db.query<{
    school_id: string;
    school_name: string;
    region_code: string;
    year: number;
    stage: Stage;
    status: ReportListStatus;
    version: number;
    updated_at: Date | null;
    submitted_at: Date | null;
    reviewed_at: Date | null;
    proxied: boolean;
    reminders: number;
    last_reminded_at: Date | null;
  }>(
    `SELECT r.school_id, r.school_name, r.region_code, r.year, r.stage, r.status, r.version,
            r.updated_at, r.submitted_at, r.reviewed_at, r.proxied,
            m.n AS reminders, m.last AS last_reminded_at
       FROM (${rowsSql}) r
            CROSS JOIN LATERAL (SELECT count(*)::integer AS n, max(created_at) AS last
                                  FROM report_reminder WHERE report_id = r.report_id) m
      WHERE ${where.join(' AND ')}
       ${order}
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, offset],
  );
  return {
    items: rows.rows.map((r) => ({
      schoolId: r.school_id,
      schoolName: r.school_name,
      regionCode: r.region_code,
      year: r.year,
      stage: r.stage,
      status: r.status,
      version: r.version,
      updatedAt: r.updated_at,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
      proxied: r.proxied,
      reminders: r.reminders,
      lastRemindedAt: r.last_reminded_at,
    })),
    total: count.rows[0]!.n,
    page,
    pageSize,
  };
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

/**
 * The versions of one report, oldest first.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param key school, year and 学段
 * @returns every version with its data, comments, author and time
 * @throws AccessError notFound when the report does not exist or the actor may not view it
 */
export async function listReportVersions(
  db: Database | Queryable,
  actor: Actor,
  key: ReportKey,
): Promise<ReportVersion[]> {
  const message = reportNotFoundMessage(key);
  if (typeof key.schoolId !== 'string' || !Number.isInteger(key.year) || !isStage(key.stage)) {
    throw new AccessError('notFound', message);
  }
  const report = await db.query<{ id: number; region_code: string }>(
    `SELECT r.id, s.region_code FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE r.school_id = $1 AND r.year = $2 AND r.stage = $3`,
    [key.schoolId, key.year, key.stage],
  );
  const r = report.rows[0];
  if (!r) throw new AccessError('notFound', message);
  requireAllowed(
    actor,
    'view',
    { kind: 'schoolReport', regionCode: r.region_code, schoolId: key.schoolId },
    message,
  );
  const { rows } = await db.query<{
    version: number;
    status: ReportStatus;
    data: Record<string, unknown>;
    review_comments: Record<string, string> | null;
    actor_id: number | null;
    actor_name: string | null;
    at: Date;
  }>(
    `SELECT v.version, v.status, v.data, v.review_comments, v.actor_id, u.display_name AS actor_name, v.at
       FROM school_report_version v LEFT JOIN app_user u ON u.id = v.actor_id
      WHERE v.report_id = $1
      ORDER BY v.version`,
    [r.id],
  );
  return rows.map((v) => ({
    version: v.version,
    status: v.status,
    data: v.data,
    reviewComments: v.review_comments,
    actorId: v.actor_id,
    actorName: v.actor_name,
    at: v.at,
  }));
}

/** How many of a county's reports of a year are in each status, and how many are not there yet. */
export type ReportStatusCounts = Record<ReportStatus | 'missing', number>;

/**
 * Counts the county's reports of a year by status, and the expected reports not yet created
 * (open schools × their expected stages; 特殊教育学校 and 职业学校 expect none).
 * @param db the database or a transaction handle
 * @param actor the signed-in user; must be allowed to view schools of the whole county
 * @param q the county (6 digits) and year
 * @returns the counts (every key present, 0 when none)
 * @throws AccessError notFound when the county does not exist or the actor may not view it
 */
export async function reportStatusCounts(
  db: Database | Queryable,
  actor: Actor,
  q: { countyCode: string; year: number },
): Promise<ReportStatusCounts> {
  const year = checkYear(q.year);
  const message = `没有找到县 ${String(q.countyCode)}，或您无权查看该县的数据`;
  if (resourceRegionLevel(q.countyCode) !== 'county') throw new AccessError('notFound', message);
  requireAllowed(actor, 'view', { kind: 'school', regionCode: q.countyCode }, message);
  const county = await db.query("SELECT 1 FROM region WHERE code = $1 AND level = 'county'", [q.countyCode]);
  if (county.rows.length === 0) throw new AccessError('notFound', message);

  const counts: ReportStatusCounts = {
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    locked: 0,
    missing: 0,
  };
  const byStatus = await db.query<{ status: ReportStatus; n: number }>(
    `SELECT r.status, count(*) AS n FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE s.county_code = $1 AND r.year = $2
      GROUP BY r.status`,
    [q.countyCode, year],
  );
  for (const row of byStatus.rows) counts[row.status] = row.n;

  const schools = await db.query<{ type: SchoolType; stages: Stage[] }>(
    `SELECT s.type, coalesce(array_agg(r.stage) FILTER (WHERE r.stage IS NOT NULL), '{}') AS stages
       FROM school s LEFT JOIN school_report r ON r.school_id = s.id AND r.year = $2
      WHERE s.county_code = $1 AND ${expectedInYearSql('$2')}
      GROUP BY s.id, s.type`,
    [q.countyCode, year],
  );
  for (const s of schools.rows) {
    const present = new Set(s.stages);
    counts.missing += expectedReportStages(s.type).filter((st) => !present.has(st)).length;
  }
  return counts;
}
