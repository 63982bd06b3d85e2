/**
 * @module The review list's and the dashboard's queries of reports: one page of a year's reports
 * within a ListScope (core's visibleRegionPrefix), the reports the county still waits for as rows
 * of their own (status `missing`, version 0), and a county's reports counted by status with the
 * expected ones not yet created. SQL only: the server's commands check who may see what.
 *
 * Decisions:
 * - A report the county waits for is one of expectedReportStages of an open school registered for
 *   the year (schools.ts expectedInYear): the same definition as the publication check, so the
 *   review list's 未填报 rows, the dashboard's missing count and publication agree.
 * - The counts take every report row of the county's schools in the year, whatever the school's
 *   status; `missing` counts the reports expected that have no row yet.
 */
import {
  type ListScope,
  REPORT_LIST_STATUSES,
  type ReportListStatus,
  type ReportStatus,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGES,
  type Stage,
} from '@junheng/core';
import { sql } from 'kysely';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { inScope, type Page, paging, searchText, sortTerms } from '../platform/queryKit.js';
import { expectedInYear, expectedReportStages } from '../schools/schools.js';

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

/** One page of the review list, its filters already checked (core checkReportListFilters). */
export interface ReportListFilter {
  year: number;
  /** Which rows the actor may see (core visibleRegionPrefix(actor, 'schoolReport')). */
  scope: ListScope;
  /** Any of these statuses (empty: all, the missing ones included). */
  statuses: readonly ReportListStatus[];
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

/** The school types whose reports of each stage the county waits for (core's rule, as SQL data). */
function expectedTypesByStage(): Record<Stage, SchoolType[]> {
  const types = Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[];
  return {
    primary: types.filter((t) => expectedReportStages(t).includes('primary')),
    junior: types.filter((t) => expectedReportStages(t).includes('junior')),
  };
}

/** Each 学段 with the school types that report it, as the table `e (stage, types)`. */
function stageTypes() {
  const byStage = expectedTypesByStage();
  return sql<{
    stage: string;
    types: string[];
  }>`(VALUES ('primary', ${byStage.primary}::text[]), ('junior', ${byStage.junior}::text[]))`.as<'e'>(
    sql`e (stage, types)`,
  );
}

/**
 * The reports of a year the county waits for that have no row yet, in the columns of the review
 * list: report_id NULL, status 'missing', version 0, no dates.
 */
function missingReports(db: Queryable, year: number) {
  return sqlOf(db)
    .selectFrom('school as s')
    .innerJoin(stageTypes(), (join) => join.on((eb) => eb('s.type', '=', eb.fn.any('e.types'))))
    .select((eb) => [
      sql<number | null>`NULL::bigint`.as('report_id'),
      's.id as school_id',
      's.name as school_name',
      's.region_code',
      sql<number>`${year}::integer`.as('year'),
      'e.stage',
      sql<string>`'missing'::text`.as('status'),
      eb.lit(0).as('version'),
      sql<Date | null>`NULL::timestamptz`.as('updated_at'),
      sql<Date | null>`NULL::timestamptz`.as('submitted_at'),
      sql<Date | null>`NULL::timestamptz`.as('reviewed_at'),
      eb.lit(false).as('proxied'),
    ])
    .where(expectedInYear(year))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('school_report as x')
            .select('x.id')
            .whereRef('x.school_id', '=', 's.id')
            .where('x.year', '=', year)
            .whereRef('x.stage', '=', 'e.stage'),
        ),
      ),
    );
}

/** Positions in a list of words, for sorting by the list's order rather than the alphabet. */
const positionIn = (words: readonly string[], column: string) =>
  sql<number>`array_position(${words}::text[], ${sql.ref(column)})`;

const REPORT_SORT_COLUMNS: Record<ReportSort, ReturnType<typeof sql.ref>> = {
  schoolId: sql.ref('r.school_id'),
  schoolName: sql`${sql.ref('r.school_name')} COLLATE "C"`,
  // The workflow's order (未填报, draft → locked), not the alphabet.
  status: positionIn(REPORT_LIST_STATUSES, 'r.status'),
  updatedAt: sql.ref('r.updated_at'),
  submittedAt: sql.ref('r.submitted_at'),
};

/** The review list's rows before filtering: every report of the year, and the missing ones. */
function listRows(db: Queryable, year: number) {
  return sqlOf(db)
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select((eb) => [
      // Typed as the union's columns: the missing rows have no id and no dates.
      eb.ref('r.id').$castTo<number | null>().as('report_id'),
      'r.school_id',
      's.name as school_name',
      's.region_code',
      'r.year',
      'r.stage',
      'r.status',
      'r.version',
      eb.ref('r.updated_at').$castTo<Date | null>().as('updated_at'),
      'r.submitted_at',
      'r.reviewed_at',
      // A boolean on PostgreSQL (kysely's SqlBool also admits MySQL's 0 and 1).
      eb('r.proxy_by', 'is not', null).$castTo<boolean>().as('proxied'),
    ])
    .where('r.year', '=', year)
    .unionAll(missingReports(db, year));
}

/** The review list's rows of a year in the scope that match the list's filters. */
function matchingReports(
  db: Queryable,
  f: Pick<ReportListFilter, 'year' | 'scope' | 'statuses' | 'stage' | 'schoolId'> & { text?: string },
) {
  const { statuses, stage, schoolId, text } = f;
  return sqlOf(db)
    .selectFrom(listRows(db, f.year).as('r'))
    .where((eb) =>
      eb.and([
        inScope(f.scope, { region: 'r.region_code', school: 'r.school_id' }),
        ...(statuses.length > 0 ? [eb('r.status', '=', eb.fn.any(sql<string[]>`${statuses}::text[]`))] : []),
        ...(stage !== undefined ? [eb('r.stage', '=', stage)] : []),
        ...(schoolId !== undefined ? [eb('r.school_id', '=', schoolId)] : []),
        ...(text !== undefined
          ? [
              eb.or([
                eb.fn<boolean>('starts_with', ['r.school_id', eb.val(text)]),
                eb(
                  eb.fn('strpos', [eb.fn('lower', ['r.school_name']), eb.fn('lower', [eb.val(text)])]),
                  '>',
                  0,
                ),
              ]),
            ]
          : []),
      ]),
    );
}

/**
 * One page of the review list: the reports of a year in the scope, the missing ones included.
 * @returns the page's rows and how many match
 * @throws AccessError invalidData for an unknown sort field, a bad page or search text (queryKit)
 */
export async function listReportRows(
  db: Database | Queryable,
  f: ReportListFilter,
): Promise<Page<ReportListItem>> {
  const { page, pageSize, offset } = paging(f);
  // Ties: by school, then 小学 before 初中 (the missing rows have no id to order by). As the list has
  // always sorted: the school ascending whatever the direction, the 学段 in the list's direction.
  const [sortTerm, stageTerm] = sortTerms(f.sort, f.order, REPORT_SORT_COLUMNS, 'schoolId', [
    positionIn(STAGES, 'r.stage'),
  ]);
  const matching = matchingReports(db, { ...f, text: searchText(f.q) });
  const { n } = await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await matching
    .crossJoinLateral((eb) =>
      eb
        .selectFrom('report_reminder')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.max<Date | null>('report_reminder.created_at').as('last'),
        ])
        .whereRef('report_reminder.report_id', '=', 'r.report_id')
        .as('m'),
    )
    .select([
      'r.school_id',
      'r.school_name',
      'r.region_code',
      'r.year',
      'r.stage',
      'r.status',
      'r.version',
      'r.updated_at',
      'r.submitted_at',
      'r.reviewed_at',
      'r.proxied',
      'm.n as reminders',
      'm.last as last_reminded_at',
    ])
    .orderBy(sortTerm!)
    .orderBy('r.school_id')
    .orderBy(stageTerm!)
    .limit(pageSize)
    .offset(offset)
    .execute();
  return {
    items: rows.map((r) => ({
      schoolId: r.school_id,
      schoolName: r.school_name,
      regionCode: r.region_code,
      year: r.year,
      // The schema's CHECKs admit exactly core's STAGES and REPORT_STATUSES; 'missing' is the
      // missing rows' own.
      stage: r.stage as Stage,
      status: r.status as ReportListStatus,
      version: r.version,
      updatedAt: r.updated_at,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
      proxied: r.proxied,
      reminders: r.reminders,
      lastRemindedAt: r.last_reminded_at,
    })),
    total: n,
    page,
    pageSize,
  };
}

/** How many of a county's reports of a year are in each status, and how many are not there yet. */
export type ReportStatusCounts = Record<ReportStatus | 'missing', number>;

/**
 * Counts a county's reports of a year by status, and the expected reports not yet created (open
 * schools × their expected stages; 特殊教育学校 and 职业学校 expect none).
 * @returns the counts (every key present, 0 when none)
 */
export async function countReportsByStatus(
  db: Database | Queryable,
  countyCode: string,
  year: number,
): Promise<ReportStatusCounts> {
  const counts: ReportStatusCounts = {
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    locked: 0,
    missing: 0,
  };
  const sq = sqlOf(db);
  const byStatus = await sq
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select((eb) => ['r.status', eb.fn.countAll<number>().as('n')])
    .where('s.county_code', '=', countyCode)
    .where('r.year', '=', year)
    .groupBy('r.status')
    .execute();
  // The schema's CHECK admits exactly core's REPORT_STATUSES.
  for (const row of byStatus) counts[row.status as ReportStatus] = row.n;

  const schools = await sq
    .selectFrom('school as s')
    .leftJoin('school_report as r', (join) => join.onRef('r.school_id', '=', 's.id').on('r.year', '=', year))
    .select((eb) => [
      's.type',
      eb.fn
        .coalesce(
          eb.fn.agg<string[]>('array_agg', ['r.stage']).filterWhere('r.stage', 'is not', null),
          sql<string[]>`'{}'`,
        )
        .as('stages'),
    ])
    .where('s.county_code', '=', countyCode)
    .where(expectedInYear(year))
    .groupBy(['s.id', 's.type'])
    .execute();
  for (const s of schools) {
    const present = new Set(s.stages);
    // The schema's CHECK admits exactly core's SCHOOL_TYPE_NAMES.
    counts.missing += expectedReportStages(s.type as SchoolType).filter((st) => !present.has(st)).length;
  }
  return counts;
}
