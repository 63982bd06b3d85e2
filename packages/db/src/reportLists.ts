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
 * - createReport needs `edit` on the school's report (the school's own users; the bureau reviews,
 *   it does not author) and is idempotent: an existing report comes back unchanged, unaudited. A new
 *   one is audited as `report.create` on entity `school_report` (audit_event.entity must match
 *   ^[a-z][a-z0-9_]*$, and reports.ts uses that name for the same rows).
 */
import {
  type Actor,
  REPORT_STATUSES,
  type ReportStatus,
  resourceRegionLevel,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGE_NAMES,
  STAGES,
  type Stage,
  visibleRegionPrefix,
} from '@junheng/core';
import { AccessError, requireAllowed } from './access.js';
import { appendAudit } from './audit.js';
import { type Database, jsonb, type Queryable } from './database.js';
import {
  actingUser,
  checkYear,
  inTransaction,
  orderBy,
  type Page,
  paging,
  scopeCondition,
  searchText,
} from './queryKit.js';
import { getReport, type Report, type ReportKey } from './reports.js';
import { expectedInYearSql, expectedReportStages, schoolStages } from './schools.js';

export interface ReportListItem {
  schoolId: string;
  schoolName: string;
  regionCode: string;
  year: number;
  stage: Stage;
  status: ReportStatus;
  version: number;
  updatedAt: Date;
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
  /** Any of these statuses (absent or empty: all). */
  status?: ReportStatus[];
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
  schoolName: 's.name COLLATE "C"',
  // The workflow's order (draft → locked), not the alphabet.
  status: `array_position(ARRAY[${REPORT_STATUSES.map((s) => `'${s}'`).join(', ')}]::text[], r.status)`,
  updatedAt: 'r.updated_at',
  submittedAt: 'r.submitted_at',
};

const STAGE_LABEL = (stage: string): string => STAGE_NAMES[stage as Stage] ?? String(stage);

function reportNotFoundMessage(key: ReportKey): string {
  // Same words as reports.ts, so a missing report reads the same on every route.
  return `没有找到学校 ${key.schoolId} ${key.year} 学年${STAGE_LABEL(key.stage)}的报表，或您无权查看该报表`;
}

function isStage(v: unknown): v is Stage {
  return (STAGES as readonly unknown[]).includes(v);
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
    if (!REPORT_STATUSES.includes(s)) {
      throw new AccessError(
        'invalidData',
        `未知的报表状态“${String(s)}”，可选：${REPORT_STATUSES.join('、')}`,
      );
    }
  }
  if (q.stage !== undefined && !isStage(q.stage)) {
    throw new AccessError('invalidData', `未知的学段“${String(q.stage)}”，可选：${STAGES.join('、')}`);
  }
  const { page, pageSize, offset } = paging(q);
  const order = orderBy(q.sort, q.order, REPORT_SORT_COLUMNS, 'schoolId', 'r.id');
  const text = searchText(q.q);

  const params: unknown[] = [year];
  const where = [
    'r.year = $1',
    scopeCondition(visibleRegionPrefix(actor, 'schoolReport'), params, {
      region: 's.region_code',
      school: 's.id',
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
      `(starts_with(s.id, $${params.length}) OR strpos(lower(s.name), lower($${params.length})) > 0)`,
    );
  }
  const from = `FROM school_report r JOIN school s ON s.id = r.school_id WHERE ${where.join(' AND ')}`;
  const count = await db.query<{ n: number }>(`SELECT count(*) AS n ${from}`, params);
  const rows = await db.query<{
    school_id: string;
    school_name: string;
    region_code: string;
    year: number;
    stage: Stage;
    status: ReportStatus;
    version: number;
    updated_at: Date;
    submitted_at: Date | null;
    reviewed_at: Date | null;
    proxied: boolean;
    reminders: number;
    last_reminded_at: Date | null;
  }>(
    `SELECT r.school_id, s.name AS school_name, s.region_code, r.year, r.stage, r.status, r.version,
            r.updated_at, r.submitted_at, r.reviewed_at, r.proxy_by IS NOT NULL AS proxied,
            m.n AS reminders, m.last AS last_reminded_at
       FROM school_report r JOIN school s ON s.id = r.school_id
            CROSS JOIN LATERAL (SELECT count(*)::integer AS n, max(created_at) AS last
                                  FROM report_reminder WHERE report_id = r.id) m
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

/**
 * Creates an empty draft report (data {}, version 1) so the school can start filling in; returns
 * the existing report unchanged when there is one (idempotent). Creates the school year if needed.
 * A new report is audited (`report.create`) in the same transaction.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user: needs `edit` on the school's reports
 * @param key school, year and 学段; `ip` is recorded in the audit event
 * @returns the report, as reports.ts's getReport reads it
 * @throws AccessError notFound (school missing or not visible), notAllowed (may view, not edit, or
 *   the account is disabled), invalidData (a stage the school does not have, a bad year) or
 *   wrongState (the school is merged or closed)
 */
export function createReport(
  db: Database | Queryable,
  actor: Actor,
  key: ReportKey & { ip?: string | null },
): Promise<Report> {
  const message = reportNotFoundMessage(key);
  if (typeof key.schoolId !== 'string') return Promise.reject(new AccessError('notFound', message));
  if (!isStage(key.stage)) {
    return Promise.reject(
      new AccessError(
        'invalidData',
        `未知的学段“${String(key.stage)}”：学段只能是小学（primary）或初中（junior）`,
      ),
    );
  }
  try {
    checkYear(key.year);
  } catch (err) {
    return Promise.reject(err);
  }
  return inTransaction(db, async (tx) => {
    // FOR SHARE: the school cannot be closed or retyped while its report is being created.
    const school = await tx.query<{ type: SchoolType; status: string; region_code: string; name: string }>(
      'SELECT type, status, region_code, name FROM school WHERE id = $1 FOR SHARE',
      [key.schoolId],
    );
    const s = school.rows[0];
    if (!s) throw new AccessError('notFound', message);
    requireAllowed(
      actor,
      'edit',
      { kind: 'schoolReport', regionCode: s.region_code, schoolId: key.schoolId },
      message,
    );

    const reportKey: ReportKey = { schoolId: key.schoolId, year: key.year, stage: key.stage };
    const existing = await tx.query(
      'SELECT 1 FROM school_report WHERE school_id = $1 AND year = $2 AND stage = $3',
      [key.schoolId, key.year, key.stage],
    );
    if (existing.rows.length > 0) return getReport(tx, actor, reportKey);

    const stages = schoolStages(s.type);
    if (!stages.includes(key.stage)) {
      const has = stages.length > 0 ? `只有${stages.map(STAGE_LABEL).join('、')}学段` : '没有义务教育学段';
      throw new AccessError(
        'invalidData',
        `${s.name}（${key.schoolId}）是${SCHOOL_TYPE_NAMES[s.type]}，${has}，不能创建${STAGE_LABEL(key.stage)}报表`,
      );
    }
    if (s.status !== 'open') {
      throw new AccessError(
        'wrongState',
        `${s.name}（${key.schoolId}）已${s.status === 'merged' ? '撤并' : '停办'}，不能新建报表；如学校恢复办学，请先在学校管理中恢复`,
      );
    }
    const by = await actingUser(tx, actor);
    await tx.query('INSERT INTO school_year (start_year) VALUES ($1) ON CONFLICT (start_year) DO NOTHING', [
      key.year,
    ]);
    // ON CONFLICT: a concurrent create of the same report wins quietly; this one returns it.
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO school_report (school_id, year, stage, data, updated_by) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (school_id, year, stage) DO NOTHING RETURNING id`,
      [key.schoolId, key.year, key.stage, jsonb({}), by.id],
    );
    const created = inserted.rows[0];
    if (!created) return getReport(tx, actor, reportKey);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'report.create',
      entity: 'school_report',
      entityId: String(created.id),
      after: { status: 'draft', version: 1, data: {} },
      ip: key.ip ?? null,
    });
    return getReport(tx, actor, reportKey);
  });
}
