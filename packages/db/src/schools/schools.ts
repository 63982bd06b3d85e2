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
import { type Expression, type ExpressionBuilder, expressionBuilder, type SqlBool, sql } from 'kysely';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { checkYear, inScope, type Page, paging, searchText, sortTerms } from '../platform/queryKit.js';
import type { DB, SchoolTable } from '../platform/tables.js';

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
 * The condition on a school aliased `s`: it is expected to report for `year` — open, and
 * registered for that year or before (启用学年 first_year; NULL = always). One definition for
 * publication, report creation and the review list's missing rows, so they agree.
 */
export function expectedInYear(year: number): Expression<SqlBool> {
  const eb = expressionBuilder<{ s: SchoolTable }, 's'>();
  return eb.and([
    eb('s.status', '=', 'open'),
    eb.or([eb('s.first_year', 'is', null), eb('s.first_year', '<=', year)]),
  ]);
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

const SCHOOL_SORT_COLUMNS: Record<SchoolSort, Expression<unknown>> = {
  id: sql.ref('s.id'),
  name: sql`${sql.ref('s.name')} COLLATE "C"`,
  type: sql.ref('s.type'),
  locality: sql.ref('s.locality'),
  students: sql.ref('rep.students'),
};

/** A condition on schools aliased `s`. */
type SchoolCondition = (eb: ExpressionBuilder<DB & { s: SchoolTable }, 's'>) => Expression<SqlBool>;

/** The list's filters: what the actor may see, the search text, type, locality and status. */
function schoolFilters(actor: Actor, q: SchoolListQuery, text: string | undefined): SchoolCondition {
  return (eb) => {
    const terms: Expression<SqlBool>[] = [
      inScope(visibleRegionPrefix(actor, 'school'), { region: 's.region_code', school: 's.id' }),
    ];
    if (text !== undefined) {
      // strpos instead of LIKE: the user's % and _ are plain characters, nothing to escape.
      terms.push(
        eb.or([
          eb.fn<boolean>('starts_with', ['s.id', eb.val(text)]),
          eb(eb.fn('strpos', [eb.fn('lower', ['s.name']), eb.fn('lower', [eb.val(text)])]), '>', eb.lit(0)),
        ]),
      );
    }
    if (q.type !== undefined) terms.push(eb('s.type', '=', q.type));
    if (q.locality !== undefined) terms.push(eb('s.locality', '=', q.locality));
    if (q.status !== undefined) terms.push(eb('s.status', '=', q.status));
    return eb.and(terms);
  };
}

/**
 * Schools aliased `s` with their reports of `year` (lateral `rep`): the sum of the reports'
 * numeric data.students (null when none gives a number) and the reports' stage → {status,
 * version} as one jsonb object (null without reports).
 */
function schoolsWithReports(db: Queryable, year: number) {
  return sqlOf(db)
    .selectFrom('school as s')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('school_report as r')
          .select((r) => [
            r.fn
              .sum<number | null>(
                r
                  .case()
                  .when(sql`jsonb_typeof(${sql.ref('r.data')} -> 'students')`, '=', 'number')
                  .then(sql<number>`(${sql.ref('r.data')} ->> 'students')::float8`)
                  .end(),
              )
              .as('students'),
            r.fn
              .agg<unknown>('jsonb_object_agg', [
                'r.stage',
                r.fn('jsonb_build_object', [sql.lit('status'), 'r.status', sql.lit('version'), 'r.version']),
              ])
              .as('reports'),
          ])
          .whereRef('r.school_id', '=', 's.id')
          .where('r.year', '=', year)
          .as('rep'),
      (join) => join.onTrue(),
    )
    .select([
      's.id',
      's.name',
      's.type',
      's.locality',
      's.region_code',
      's.county_code',
      's.status',
      'rep.students',
      'rep.reports',
    ]);
}

type SchoolListRow = Awaited<ReturnType<ReturnType<typeof schoolsWithReports>['executeTakeFirstOrThrow']>>;

function toSchoolListItem(r: SchoolListRow): SchoolListItem {
  // The schema's CHECKs admit exactly core's school types, localities and statuses.
  const type = r.type as SchoolType;
  const locality = r.locality as Locality;
  return {
    id: r.id,
    name: r.name,
    type,
    typeName: SCHOOL_TYPE_NAMES[type],
    locality,
    localityName: LOCALITY_NAMES[locality],
    regionCode: r.region_code,
    countyCode: r.county_code,
    status: r.status as SchoolStatus,
    stages: schoolStages(type),
    students: r.students,
    // Built by schoolsWithReports' jsonb_object_agg: stage → { status, version } of the year's reports.
    reports: (r.reports as Partial<Record<Stage, ReportBadge>> | null) ?? {},
  };
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
  const order = sortTerms(q.sort, q.order, SCHOOL_SORT_COLUMNS, 'id', [sql.ref('s.id')]);
  const text = searchText(q.q);
  const matches = schoolFilters(actor, q, text);

  const { n } = await sqlOf(db)
    .selectFrom('school as s')
    .where(matches)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let rows = schoolsWithReports(db, year).where(matches);
  for (const term of order) rows = rows.orderBy(term);
  const items = await rows.limit(pageSize).offset(offset).execute();
  return { items: items.map(toSchoolListItem), total: n, page, pageSize };
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

/** A school's register entry with its region's name. */
function schoolWithRegion(db: Queryable, id: string) {
  return sqlOf(db)
    .selectFrom('school as s')
    .innerJoin('region as g', 'g.code', 's.region_code')
    .select([
      's.id',
      's.name',
      's.type',
      's.locality',
      's.region_code',
      'g.name as region_name',
      's.county_code',
      's.address',
      's.latitude',
      's.longitude',
      's.status',
      's.merged_into',
      's.first_year',
      's.created_at',
      's.updated_at',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
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
  const s = typeof id === 'string' ? await schoolWithRegion(db, id) : undefined;
  if (!s) throw new AccessError('notFound', schoolNotFoundMessage(id));
  requireAllowed(
    actor,
    'view',
    { kind: 'school', regionCode: s.region_code, schoolId: s.id },
    schoolNotFoundMessage(id),
  );
  const q = sqlOf(db);
  const info = await q
    .selectFrom('school_year_info')
    .select([
      'shared_facilities',
      'senior_students',
      'meets_provincial_standard',
      'roster_position',
      'updated_at',
    ])
    .where('school_id', '=', s.id)
    .where('year', '=', year)
    .executeTakeFirst();
  const reports = await q
    .selectFrom('school_report')
    .select(['stage', 'status', 'version', 'updated_at', 'submitted_at', 'reviewed_at'])
    .where('school_id', '=', s.id)
    .where('year', '=', year)
    .execute();
  const history = await q
    .selectFrom('school_status_history as h')
    .leftJoin('app_user as u', 'u.id', 'h.changed_by')
    .select([
      'h.status',
      'h.merged_into',
      'h.effective_on',
      'h.reason',
      'u.display_name as changed_by_name',
      'h.changed_at',
    ])
    .where('h.school_id', '=', s.id)
    .orderBy('h.effective_on')
    .orderBy('h.id')
    .execute();
  // The schema's CHECKs admit exactly core's school types, localities, statuses, stages and
  // report statuses.
  const type = s.type as SchoolType;
  const locality = s.locality as Locality;
  return {
    id: s.id,
    name: s.name,
    type,
    typeName: SCHOOL_TYPE_NAMES[type],
    locality,
    localityName: LOCALITY_NAMES[locality],
    regionCode: s.region_code,
    regionName: s.region_name,
    countyCode: s.county_code,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    status: s.status as SchoolStatus,
    mergedInto: s.merged_into,
    firstYear: s.first_year,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    stages: schoolStages(type),
    year,
    info: info
      ? {
          // Written by datasetWrite's writeSchools from the dataset's sharedFacilities (a Facilities).
          sharedFacilities: info.shared_facilities as Record<string, number | null> | null,
          seniorStudents: info.senior_students,
          meetsProvincialStandard: info.meets_provincial_standard,
          rosterPosition: info.roster_position,
          updatedAt: info.updated_at,
        }
      : null,
    reports: reports
      .map((r) => ({
        stage: r.stage as Stage,
        status: r.status as ReportStatus,
        version: r.version,
        updatedAt: r.updated_at,
        submittedAt: r.submitted_at,
        reviewedAt: r.reviewed_at,
      }))
      .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage)),
    statusHistory: history.map((h) => ({
      status: h.status as SchoolStatus,
      mergedInto: h.merged_into,
      effectiveOn: h.effective_on,
      reason: h.reason,
      changedByName: h.changed_by_name,
      changedAt: h.changed_at,
    })),
  };
}
