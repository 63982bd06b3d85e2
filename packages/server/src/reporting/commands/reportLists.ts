/**
 * @module The report queues and history around the report commands: the list of reports an actor
 * may see (the ones the county still waits for as rows of their own, status `missing`), one
 * report's versions and the fields changed between two of them, and a county's count of reports
 * by status.
 *
 * Decisions:
 * - Lists are scoped with core's visibleRegionPrefix(actor, 'schoolReport') in SQL; one report is
 *   checked with requireAllowed, and a report the actor may not view is answered like a missing one
 *   (notFound, the same words as the report commands).
 * - The counts' county check uses a school resource with the county's code, so school users (bound
 *   to one school) and users of other counties get notFound.
 */
import {
  checkReportListFilters,
  checkReportYear,
  isStage,
  Refusal,
  type ReportKey,
  reportNotFound,
  reportResource,
  requireAllowed,
  resourceRegionLevel,
  visibleRegionPrefix,
} from '@junheng/core';
import {
  countReportsByStatus,
  countyExists,
  listReportRows,
  type Page,
  type ReportListItem,
  type ReportSort,
  type ReportStatusCounts,
  type ReportVersion,
  reportPlaceOf,
  reportVersions,
} from '@junheng/db';
import type { CommandContext } from '../../platform/commands.js';

export interface ReportListQuery {
  year: number;
  /** Any of these statuses (absent or empty: all, the missing ones included). */
  status?: string[];
  stage?: string;
  schoolId?: string;
  /** 学校标识码 prefix or a part of the school's name. */
  q?: string;
  page?: number;
  pageSize?: number;
  /** Default schoolId (then stage). */
  sort?: ReportSort;
  order?: 'asc' | 'desc';
}

/**
 * Lists the reports of a year the actor may see.
 * @returns one page of reports and how many match
 * @throws Refusal invalidRequest for an unknown status or stage; AccessError invalidData (db
 *   queryKit) for an unknown sort field or a bad page
 */
export async function listReports(ctx: CommandContext, q: ReportListQuery): Promise<Page<ReportListItem>> {
  const year = checkReportYear(q.year);
  const statuses = checkReportListFilters(q);
  return listReportRows(ctx.db, {
    ...q,
    year,
    statuses,
    stage: isStage(q.stage) ? q.stage : undefined,
    schoolId: q.schoolId === undefined ? undefined : String(q.schoolId),
    scope: visibleRegionPrefix(ctx.actor, 'schoolReport'),
  });
}

/**
 * The versions of one report, oldest first.
 * @returns every version with its data, comments, author and time
 * @throws Refusal notFound when the report does not exist or the actor may not view it
 */
export async function listReportVersions(ctx: CommandContext, key: ReportKey): Promise<ReportVersion[]> {
  const notFound = reportNotFound(key);
  if (typeof key.schoolId !== 'string' || !Number.isInteger(key.year) || !isStage(key.stage)) throw notFound;
  const r = await reportPlaceOf(ctx.db, key);
  if (!r) throw notFound;
  requireAllowed(ctx.actor, 'view', reportResource(r.regionCode, key.schoolId), {
    key: notFound.key,
    params: notFound.params,
  });
  return reportVersions(ctx.db, r.id);
}

/** The data of two versions of a report, to compare. */
export interface VersionPair {
  before: Record<string, number | null>;
  after: Record<string, number | null>;
}

/**
 * The data of versions `from` and `to` of one report.
 * @throws Refusal notFound for a report the actor may not view, or a version it does not have
 */
export async function reportVersionPair(
  ctx: CommandContext,
  key: ReportKey,
  from: number,
  to: number,
): Promise<VersionPair> {
  const versions = await listReportVersions(ctx, key);
  const pick = (v: number) => {
    const found = versions.find((x) => x.version === v);
    if (!found)
      throw new Refusal('notFound', 'reporting.versionMissing', { version: v, count: versions.length });
    // Every version was saved through checkReportData (numbers, null for 未填).
    return found.data as Record<string, number | null>;
  };
  const before = pick(from);
  return { before, after: pick(to) };
}

/**
 * Counts the county's reports of a year by status, and the expected reports not yet created.
 * @param q the county (6 digits) and year; the actor must be allowed to view its schools
 * @returns the counts (every key present, 0 when none)
 * @throws Refusal notFound when the county does not exist or the actor may not view it
 */
export async function reportStatusCounts(
  ctx: CommandContext,
  q: { countyCode: string; year: number },
): Promise<ReportStatusCounts> {
  const year = checkReportYear(q.year);
  const notFound = { key: 'reporting.countyNotFound', params: { countyCode: String(q.countyCode) } } as const;
  if (resourceRegionLevel(q.countyCode) !== 'county')
    throw new Refusal('notFound', notFound.key, notFound.params);
  requireAllowed(ctx.actor, 'view', { kind: 'school', regionCode: q.countyCode }, notFound);
  if (!(await countyExists(ctx.db, q.countyCode)))
    throw new Refusal('notFound', notFound.key, notFound.params);
  return countReportsByStatus(ctx.db, q.countyCode, year);
}
