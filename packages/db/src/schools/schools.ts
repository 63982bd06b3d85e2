/**
 * @module The school registry as the HTTP API reads it: the list of schools an actor may see (with
 * each school's reports of a year), and one school with its figures of the year, its reports and
 * its status history.
 *
 * Decisions:
 * - Scoping is core's visibleRegionPrefix(actor, 'school') applied in SQL, so a list never shows a
 *   school that getSchool would refuse; getSchool checks the same rules with requireAllowed.
 * - A school's stages are core's STAGES_OF_TYPE (what the type may report, the same table the
 *   import validator uses). Special-education and vocational schools may report stages there; they
 *   are only left out of what is *expected* (expectedReportStages), because both standards exclude
 *   them from the evaluation (scope.excludeTypes).
 * - `students` is the sum of the year's reports' data.students (null when no report of the year
 *   gives a number), a list column only; the figures themselves stay in the reports.
 * - Names sort in code-point order (COLLATE "C") so both engines, whatever their locale, page
 *   identically.
 */
import {
  type Actor,
  LOCALITY_NAMES,
  type Locality,
  nationalStandards,
  type ReportStatus,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGES,
  STAGES_OF_TYPE,
  type Stage,
  visibleRegionPrefix,
} from '@junheng/core';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { checkYear, orderBy, type Page, paging, scopeCondition, searchText } from '../platform/queryKit.js';

export type SchoolStatus = 'open' | 'merged' | 'closed';
const SCHOOL_STATUSES: readonly SchoolStatus[] = ['open', 'merged', 'closed'];

/** 中文 names of a school's status. */
export const SCHOOL_STATUS_NAMES: Record<SchoolStatus, string> = {
  open: '正常办学',
  merged: '已撤并',
  closed: '已停办',
};

/**
 * The 学段 a school of this type has (and may report), in core's STAGES order.
 * @param type the school type
 * @returns a new array (the caller may change it)
 */
export function schoolStages(type: SchoolType): Stage[] {
  return [...(STAGES_OF_TYPE[type] ?? [])];
}

// Types that neither standard evaluates: nobody waits for their reports.
const NATIONAL = nationalStandards();
const NOT_EVALUATED = new Set<SchoolType>(
  NATIONAL.basic.scope.excludeTypes.filter((t) => NATIONAL.quality.scope.excludeTypes.includes(t)),
);

/**
 * The 学段 whose reports the county waits for from a school of this type: its stages, or none for
 * the types the national standards leave out of the evaluation (特殊教育学校, 职业学校).
 * @param type the school type
 */
export function expectedReportStages(type: SchoolType): Stage[] {
  return NOT_EVALUATED.has(type) ? [] : schoolStages(type);
}

/**
 * SQL condition on a school aliased `s`: it is expected to report for the year in parameter
 * `yearParam` — open, and registered for that year or before (启用学年 first_year; NULL = always).
 * One definition for publication and the dashboard's missing count, so the two agree.
 */
export function expectedInYearSql(yearParam: string): string {
  return `s.status = 'open' AND (s.first_year IS NULL OR s.first_year <= ${yearParam})`;
}

/** A report's place in a list: its status and version (the ETag for the next write). */
export interface ReportBadge {
  status: ReportStatus;
  version: number;
}

export interface SchoolListItem {
  id: string;
  name: string;
  type: SchoolType;
  typeName: string;
  locality: Locality;
  localityName: string;
  regionCode: string;
  countyCode: string;
  status: SchoolStatus;
  stages: Stage[];
  /** Sum of the year's reports' 在校生数; null when none of them gives a number. */
  students: number | null;
  /** The year's reports by stage (a stage without a report is absent). */
  reports: Partial<Record<Stage, ReportBadge>>;
}

export type SchoolSort = 'id' | 'name' | 'type' | 'locality' | 'students';

export interface SchoolListQuery {
  /** School year whose reports are shown (2025 = 2025—2026学年). */
  year: number;
  /** 学校标识码 prefix or a part of the name. */
  q?: string;
  type?: SchoolType;
  locality?: Locality;
  status?: SchoolStatus;
  /** From 1 (default 1). */
  page?: number;
  /** Default 20, at most 500. */
  pageSize?: number;
  /** Default id. */
  sort?: SchoolSort;
  order?: 'asc' | 'desc';
}

const SCHOOL_SORT_COLUMNS: Record<SchoolSort, string> = {
  id: 's.id',
  name: 's.name COLLATE "C"',
  type: 's.type',
  locality: 's.locality',
  students: 'rep.students',
};

interface SchoolListRow {
  id: string;
  name: string;
  type: SchoolType;
  locality: Locality;
  region_code: string;
  county_code: string;
  status: SchoolStatus;
  students: number | null;
  reports: Partial<Record<Stage, ReportBadge>> | null;
}

function checkOneOf<T extends string>(value: T | undefined, allowed: readonly T[], what: string): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new AccessError('invalidData', `未知的${what}“${String(value)}”，可选：${allowed.join('、')}`);
  }
}

/**
 * Lists the schools the actor may see, with each school's stages, its students and its reports of
 * the year.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param q the year, filters (search text, type, locality, status), page and sort
 * @returns one page of schools and the number of schools matching the filters
 * @throws AccessError invalidData for an unknown filter value, sort field or a bad page
 */
export async function listSchools(
  db: Database | Queryable,
  actor: Actor,
  q: SchoolListQuery,
): Promise<Page<SchoolListItem>> {
  const year = checkYear(q.year);
  checkOneOf(q.type, Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[], '学校类型');
  checkOneOf(q.locality, Object.keys(LOCALITY_NAMES) as Locality[], '城乡分类');
  checkOneOf(q.status, SCHOOL_STATUSES, '办学状态');
  const { page, pageSize, offset } = paging(q);
  const order = orderBy(q.sort, q.order, SCHOOL_SORT_COLUMNS, 'id', 's.id');
  const text = searchText(q.q);

  const params: unknown[] = [];
  const where = [
    scopeCondition(visibleRegionPrefix(actor, 'school'), params, { region: 's.region_code', school: 's.id' }),
  ];
  if (text !== undefined) {
    params.push(text);
    // strpos instead of LIKE: the user's % and _ are plain characters, nothing to escape.
    where.push(
      `(starts_with(s.id, $${params.length}) OR strpos(lower(s.name), lower($${params.length})) > 0)`,
    );
  }
  if (q.type !== undefined) {
    params.push(q.type);
    where.push(`s.type = $${params.length}`);
  }
  if (q.locality !== undefined) {
    params.push(q.locality);
    where.push(`s.locality = $${params.length}`);
  }
  if (q.status !== undefined) {
    params.push(q.status);
    where.push(`s.status = $${params.length}`);
  }
  const whereSql = where.join(' AND ');

  const count = await db.query<{ n: number }>(`SELECT count(*) AS n FROM school s WHERE ${whereSql}`, params);
  const rows = await db.query<SchoolListRow>(
    `SELECT s.id, s.name, s.type, s.locality, s.region_code, s.county_code, s.status, rep.students, rep.reports
       FROM school s
       LEFT JOIN LATERAL (
         SELECT sum(CASE WHEN jsonb_typeof(r.data -> 'students') = 'number'
                         THEN (r.data ->> 'students')::float8 END) AS students,
                jsonb_object_agg(r.stage, jsonb_build_object('status', r.status, 'version', r.version)) AS reports
           FROM school_report r
          WHERE r.school_id = s.id AND r.year = $${params.length + 1}
       ) rep ON TRUE
      WHERE ${whereSql}
      ${order}
      LIMIT $${params.length + 2} OFFSET $${params.length + 3}`,
    [...params, year, pageSize, offset],
  );
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      typeName: SCHOOL_TYPE_NAMES[r.type],
      locality: r.locality,
      localityName: LOCALITY_NAMES[r.locality],
      regionCode: r.region_code,
      countyCode: r.county_code,
      status: r.status,
      stages: schoolStages(r.type),
      students: r.students === null ? null : Number(r.students),
      reports: r.reports ?? {},
    })),
    total: count.rows[0]!.n,
    page,
    pageSize,
  };
}

/** Whole-school figures of one school year (school_year_info). */
export interface SchoolYearInfo {
  /** Whole-school facilities (设施口径 = 全校合计), or null when each stage reports its own. */
  sharedFacilities: Record<string, number | null> | null;
  /** 高中部在校生数; null = 未填报. */
  seniorStudents: number | null;
  /** 是否达到省定办学基本标准; null = 未提供. */
  meetsProvincialStandard: boolean | null;
  /** Place in the county's list of the year. */
  rosterPosition: number | null;
  updatedAt: Date;
}

export interface SchoolReportSummary {
  stage: Stage;
  status: ReportStatus;
  version: number;
  updatedAt: Date;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

export interface SchoolStatusChange {
  status: SchoolStatus;
  mergedInto: string | null;
  /** 'YYYY-MM-DD'. */
  effectiveOn: string;
  reason: string | null;
  changedByName: string | null;
  changedAt: Date;
}

export interface SchoolDetail {
  id: string;
  name: string;
  type: SchoolType;
  typeName: string;
  locality: Locality;
  localityName: string;
  regionCode: string;
  regionName: string;
  countyCode: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  status: SchoolStatus;
  mergedInto: string | null;
  /** 启用学年: the first year the school reports for (null = every year). */
  firstYear: number | null;
  createdAt: Date;
  updatedAt: Date;
  stages: Stage[];
  /** The year asked for. */
  year: number;
  /** Whole-school figures of the year, or null when none were entered. */
  info: SchoolYearInfo | null;
  /** The year's reports, 小学 first. */
  reports: SchoolReportSummary[];
  /** Status changes, oldest first. */
  statusHistory: SchoolStatusChange[];
}

interface SchoolRow {
  id: string;
  name: string;
  type: SchoolType;
  locality: Locality;
  region_code: string;
  region_name: string;
  county_code: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  status: SchoolStatus;
  merged_into: string | null;
  first_year: number | null;
  created_at: Date;
  updated_at: Date;
}

/** The one answer for a school that does not exist and one the actor may not see. */
export function schoolNotFoundMessage(id: string): string {
  return `没有找到学校 ${String(id)}，或您无权查看该学校`;
}

/**
 * Reads one school with its figures and reports of a year and its status history.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param id 学校标识码
 * @param year school year whose figures and reports are shown
 * @returns the school
 * @throws AccessError notFound when the school does not exist or the actor may not view it (same
 *   answer); invalidData for a bad year
 */
export async function getSchool(
  db: Database | Queryable,
  actor: Actor,
  id: string,
  year: number,
): Promise<SchoolDetail> {
  checkYear(year);
  const { rows } =
    typeof id === 'string'
      ? await db.query<SchoolRow>(
          `SELECT s.id, s.name, s.type, s.locality, s.region_code, g.name AS region_name, s.county_code, s.address,
                  s.latitude, s.longitude, s.status, s.merged_into, s.first_year, s.created_at, s.updated_at
             FROM school s JOIN region g ON g.code = s.region_code
            WHERE s.id = $1`,
          [id],
        )
      : { rows: [] };
  const s = rows[0];
  if (!s) throw new AccessError('notFound', schoolNotFoundMessage(id));
  requireAllowed(
    actor,
    'view',
    { kind: 'school', regionCode: s.region_code, schoolId: s.id },
    schoolNotFoundMessage(id),
  );

  const info = await db.query<{
    shared_facilities: Record<string, number | null> | null;
    senior_students: number | null;
    meets_provincial_standard: boolean | null;
    roster_position: number | null;
    updated_at: Date;
  }>(
    `SELECT shared_facilities, senior_students, meets_provincial_standard, roster_position, updated_at
       FROM school_year_info WHERE school_id = $1 AND year = $2`,
    [s.id, year],
  );
  const reports = await db.query<{
    stage: Stage;
    status: ReportStatus;
    version: number;
    updated_at: Date;
    submitted_at: Date | null;
    reviewed_at: Date | null;
  }>(
    `SELECT stage, status, version, updated_at, submitted_at, reviewed_at
       FROM school_report WHERE school_id = $1 AND year = $2`,
    [s.id, year],
  );
  const history = await db.query<{
    status: SchoolStatus;
    merged_into: string | null;
    effective_on: string;
    reason: string | null;
    changed_by_name: string | null;
    changed_at: Date;
  }>(
    `SELECT h.status, h.merged_into, h.effective_on, h.reason, u.display_name AS changed_by_name, h.changed_at
       FROM school_status_history h LEFT JOIN app_user u ON u.id = h.changed_by
      WHERE h.school_id = $1
      ORDER BY h.effective_on, h.id`,
    [s.id],
  );
  const i = info.rows[0];
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    typeName: SCHOOL_TYPE_NAMES[s.type],
    locality: s.locality,
    localityName: LOCALITY_NAMES[s.locality],
    regionCode: s.region_code,
    regionName: s.region_name,
    countyCode: s.county_code,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    status: s.status,
    mergedInto: s.merged_into,
    firstYear: s.first_year,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    stages: schoolStages(s.type),
    year,
    info: i
      ? {
          sharedFacilities: i.shared_facilities,
          seniorStudents: i.senior_students,
          meetsProvincialStandard: i.meets_provincial_standard,
          rosterPosition: i.roster_position,
          updatedAt: i.updated_at,
        }
      : null,
    reports: reports.rows
      .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))
      .map((r) => ({
        stage: r.stage,
        status: r.status,
        version: r.version,
        updatedAt: r.updated_at,
        submittedAt: r.submitted_at,
        reviewedAt: r.reviewed_at,
      })),
    statusHistory: history.rows.map((h) => ({
      status: h.status,
      mergedInto: h.merged_into,
      effectiveOn: h.effective_on,
      reason: h.reason,
      changedByName: h.changed_by_name,
      changedAt: h.changed_at,
    })),
  };
}
