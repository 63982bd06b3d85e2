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
 *   version 0, reportCreation.ts missingReports): "全部" shows every school's every expected
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
import { sql } from 'kysely';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { checkYear, inScope, type Page, paging, searchText, sortTerms } from '../platform/queryKit.js';
import { expectedInYear, expectedReportStages } from '../schools/schools.js';
import { missingReports } from './reportCreation.js';
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

/** Positions in a list of words, for sorting by the list's order rather than the alphabet. */
const positionIn = (words: readonly string[], column: string) =>
  sql<number>`array_position(${words}::text[], ${sql.ref(column)})`;

const REPORT_SORT_COLUMNS: Record<ReportSort, ReturnType<typeof sql.ref>> = {
  schoolId: sql.ref('r.school_id'),
  schoolName: sql`${sql.ref('r.school_name')} COLLATE "C"`,
  // The workflow's order (未填报, draft → locked), not the alphabet.
  status: positionIn(LIST_STATUSES, 'r.status'),
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

/** The review list's rows of a year the actor may see that match the list's filters. */
function matchingReports(
  db: Queryable,
  actor: Actor,
  year: number,
  filters: { statuses: readonly ReportListStatus[]; stage?: Stage; schoolId?: string; text?: string },
) {
  const { statuses, stage, schoolId, text } = filters;
  return sqlOf(db)
    .selectFrom(listRows(db, year).as('r'))
    .where((eb) =>
      eb.and([
        inScope(visibleRegionPrefix(actor, 'schoolReport'), {
          region: 'r.region_code',
          school: 'r.school_id',
        }),
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

/** The statuses a list asks for, each checked. */
function checkedStatuses(q: ReportListQuery): ReportListStatus[] {
  const statuses = q.status ?? [];
  if (!Array.isArray(statuses)) throw new AccessError('invalidData', '报表状态应为列表');
  for (const s of statuses) {
    if (!LIST_STATUSES.includes(s)) {
      throw new AccessError('invalidData', `未知的报表状态“${String(s)}”，可选：${LIST_STATUSES.join('、')}`);
    }
  }
  return statuses;
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
  const statuses = checkedStatuses(q);
  if (q.stage !== undefined && !isStage(q.stage)) {
    throw new AccessError('invalidData', `未知的学段“${String(q.stage)}”，可选：${STAGES.join('、')}`);
  }
  const { page, pageSize, offset } = paging(q);
  // Ties: by school, then 小学 before 初中 (the missing rows have no id to order by). As the list has
  // always sorted: the school ascending whatever the direction, the 学段 in the list's direction.
  const [sortTerm, stageTerm] = sortTerms(q.sort, q.order, REPORT_SORT_COLUMNS, 'schoolId', [
    positionIn(STAGES, 'r.stage'),
  ]);
  const matching = matchingReports(db, actor, year, {
    statuses,
    stage: q.stage,
    schoolId: q.schoolId === undefined ? undefined : String(q.schoolId),
    text: searchText(q.q),
  });
  const { n } = await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const listed = matching
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
    ]);
  const rows = await listed
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
  const q = sqlOf(db);
  const r = await q
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select(['r.id', 's.region_code'])
    .where('r.school_id', '=', key.schoolId)
    .where('r.year', '=', key.year)
    .where('r.stage', '=', key.stage)
    .executeTakeFirst();
  if (!r) throw new AccessError('notFound', message);
  requireAllowed(
    actor,
    'view',
    { kind: 'schoolReport', regionCode: r.region_code, schoolId: key.schoolId },
    message,
  );
  const rows = await q
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
    .where('v.report_id', '=', r.id)
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
  const sq = sqlOf(db);
  const county = await sq
    .selectFrom('region')
    .select('code')
    .where('code', '=', q.countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AccessError('notFound', message);

  const counts: ReportStatusCounts = {
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    locked: 0,
    missing: 0,
  };
  const byStatus = await sq
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select((eb) => ['r.status', eb.fn.countAll<number>().as('n')])
    .where('s.county_code', '=', q.countyCode)
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
    .where('s.county_code', '=', q.countyCode)
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
