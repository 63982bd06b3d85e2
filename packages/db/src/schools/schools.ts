/**
 * @module The school registry's reads (SQL only; the server's schools commands decide who may see
 * what): one page of schools with each school's reports of a year, and one school with its region,
 * its figures and reports of a year and its status history.
 *
 * Decisions:
 * - The list's scope is a core ListScope (visibleRegionPrefix of the actor, given by the caller)
 *   applied in SQL, so a list never shows a school that the one-school read would refuse.
 * - `students` is the sum of the year's reports' data.students (null when no report of the year
 *   gives a number), a list column only; the figures themselves stay in the reports.
 * - Names sort in code-point order (COLLATE "C") so both engines, whatever their locale, page
 *   identically.
 * - A school's 学段 and status names are core's (schools/stages.ts), re-exported here for the
 *   modules that import them from this file.
 */
import {
  type ListScope,
  type Locality,
  type ReportStatus,
  type SchoolStatus,
  type SchoolType,
  STAGES,
  type Stage,
} from '@junheng/core';
import { type Expression, type ExpressionBuilder, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { checkYear, inScope, type Page, paging, searchText, sortTerms } from '../platform/queryKit.js';
import type { DB, SchoolTable } from '../platform/tables.js';

export {
  expectedReportStages,
  SCHOOL_STATUS_NAMES,
  type SchoolStatus,
  schoolStages,
} from '@junheng/core';

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

/** A school of the list as the table has it. */
export interface SchoolListRow {
  id: string;
  name: string;
  type: SchoolType;
  locality: Locality;
  regionCode: string;
  countyCode: string;
  status: SchoolStatus;
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

/** The list's filters: the scope, the search text, type, locality and status. */
function schoolFilters(scope: ListScope, q: SchoolListQuery, text: string | undefined): SchoolCondition {
  return (eb) => {
    const terms: Expression<SqlBool>[] = [inScope(scope, { region: 's.region_code', school: 's.id' })];
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

type SchoolsWithReportsRow = Awaited<
  ReturnType<ReturnType<typeof schoolsWithReports>['executeTakeFirstOrThrow']>
>;

function toSchoolListRow(r: SchoolsWithReportsRow): SchoolListRow {
  return {
    id: r.id,
    name: r.name,
    // The schema's CHECKs admit exactly core's school types, localities and statuses.
    type: r.type as SchoolType,
    locality: r.locality as Locality,
    regionCode: r.region_code,
    countyCode: r.county_code,
    status: r.status as SchoolStatus,
    students: r.students,
    // Built by schoolsWithReports' jsonb_object_agg: stage → { status, version } of the year's reports.
    reports: (r.reports as Partial<Record<Stage, ReportBadge>> | null) ?? {},
  };
}

/**
 * One page of the schools in a scope, with each school's students and reports of the year.
 * @param db the database or a transaction handle
 * @param scope what the caller may see (core visibleRegionPrefix)
 * @param q the year, filters (search text, type, locality, status; checked by the caller), page and sort
 * @returns one page of schools and the number of schools matching the filters
 * @throws AccessError invalidData for a bad year, search text, sort field or page (platform/queryKit)
 */
export async function schoolPage(
  db: Database | Queryable,
  scope: ListScope,
  q: SchoolListQuery,
): Promise<Page<SchoolListRow>> {
  const year = checkYear(q.year);
  const { page, pageSize, offset } = paging(q);
  const order = sortTerms(q.sort, q.order, SCHOOL_SORT_COLUMNS, 'id', [sql.ref('s.id')]);
  const matches = schoolFilters(scope, q, searchText(q.q));

  const { n } = await sqlOf(db)
    .selectFrom('school as s')
    .where(matches)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let rows = schoolsWithReports(db, year).where(matches);
  for (const term of order) rows = rows.orderBy(term);
  const items = await rows.limit(pageSize).offset(offset).execute();
  return { items: items.map(toSchoolListRow), total: n, page, pageSize };
}

/** A school's register entry with its region's name. */
export interface SchoolRow {
  id: string;
  name: string;
  type: SchoolType;
  locality: Locality;
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
}

/**
 * A school's register entry with its region's name.
 * @returns undefined when there is no such school
 */
export async function findSchool(db: Database | Queryable, id: string): Promise<SchoolRow | undefined> {
  const s = await sqlOf(db)
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
  return (
    s && {
      id: s.id,
      name: s.name,
      // The schema's CHECKs admit exactly core's school types, localities and statuses.
      type: s.type as SchoolType,
      locality: s.locality as Locality,
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
    }
  );
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

/** A school's figures of a year, its reports of the year (小学 first) and its status history. */
export interface SchoolYearRecords {
  /** Whole-school figures of the year, or null when none were entered. */
  info: SchoolYearInfo | null;
  reports: SchoolReportSummary[];
  /** Status changes, oldest first. */
  statusHistory: SchoolStatusChange[];
}

/** Reads a school's figures and reports of a year and its status history. */
export async function schoolYearRecords(
  db: Database | Queryable,
  id: string,
  year: number,
): Promise<SchoolYearRecords> {
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
    .where('school_id', '=', id)
    .where('year', '=', year)
    .executeTakeFirst();
  const reports = await q
    .selectFrom('school_report')
    .select(['stage', 'status', 'version', 'updated_at', 'submitted_at', 'reviewed_at'])
    .where('school_id', '=', id)
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
    .where('h.school_id', '=', id)
    .orderBy('h.effective_on')
    .orderBy('h.id')
    .execute();
  return {
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
    // The schema's CHECKs admit exactly core's stages, report statuses and school statuses.
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
