/**
 * @module 划片 (zoning) plans, reading: a plan with the problem it was saved with (locked for a
 * write when asked), the county's plans of a year as summaries, the published plan of a county,
 * year and stage, and the plans a county has published. Repositories only: who may read them and
 * how an answer shows them is the server's (commands and present.ts).
 */
import type { Stage, ZoningPlanSource, ZoningPlanStatus, ZoningProblem, ZoningTotals } from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';

/** A plan as lists show it (everything but the assignment and its problem). */
export interface ZoningPlanSummaryRecord {
  id: number;
  countyCode: string;
  year: number;
  stage: Stage;
  title: string;
  source: ZoningPlanSource;
  status: ZoningPlanStatus;
  totals: ZoningTotals;
  solver: Record<string, unknown> | null;
  version: number;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  publishedAt: Date | null;
}

/** A plan with its assignment and the problem (and current zones) it was evaluated on. */
export interface ZoningPlanRecord extends ZoningPlanSummaryRecord {
  assignment: Record<string, string>;
  problem: ZoningProblem;
  current: Record<string, string>;
}

/** The columns of a plan as lists show it (everything but the assignment and its problem). */
const SUMMARY_COLUMNS = [
  'p.id',
  'p.county_code',
  'p.year',
  'p.stage',
  'p.title',
  'p.source',
  'p.solver',
  'p.totals',
  'p.status',
  'p.published_at',
  'p.version',
  'p.created_at',
  'p.updated_at',
] as const;

/** Plans (alias p) with the names of who created and last changed them; callers add the WHERE clause. */
function planSummaries(db: Queryable) {
  return sqlOf(db)
    .selectFrom('zoning_plan as p')
    .leftJoin('app_user as cu', 'cu.id', 'p.created_by')
    .leftJoin('app_user as uu', 'uu.id', 'p.updated_by')
    .select(SUMMARY_COLUMNS)
    .select(['cu.display_name as created_by_name', 'uu.display_name as updated_by_name']);
}

/** Plans (alias p) with their assignment and problem too; callers add the WHERE clause. */
function planRows(db: Queryable) {
  return planSummaries(db).select(['p.assignment', 'p.problem']);
}

type SummaryDbRow = Awaited<ReturnType<ReturnType<typeof planSummaries>['execute']>>[number];
type PlanDbRow = Awaited<ReturnType<ReturnType<typeof planRows>['execute']>>[number];

function summaryOf(r: SummaryDbRow): ZoningPlanSummaryRecord {
  return {
    id: r.id,
    countyCode: r.county_code,
    year: r.year,
    // The schema's CHECKs admit exactly core's STAGES and ZoningPlanSource / ZoningPlanStatus.
    stage: r.stage as Stage,
    title: r.title,
    source: r.source as ZoningPlanSource,
    status: r.status as ZoningPlanStatus,
    // Written by zoningPlanRecords.ts: core's evaluation totals and the solver info of the request.
    totals: r.totals as ZoningTotals,
    solver: r.solver as Record<string, unknown> | null,
    version: r.version,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    publishedAt: r.published_at,
  };
}

function recordOf(r: PlanDbRow): ZoningPlanRecord {
  // Written by zoningPlanRecords.ts: the checked assignment and the problem it was evaluated on.
  const { problem, current } = r.problem as { problem: ZoningProblem; current: Record<string, string> };
  return { ...summaryOf(r), assignment: r.assignment as Record<string, string>, problem, current };
}

/** One plan, locked FOR UPDATE when `lock` (a save or publish), or undefined. */
export async function findZoningPlan(
  db: Queryable,
  id: number,
  opts: { lock?: boolean } = {},
): Promise<ZoningPlanRecord | undefined> {
  const query = planRows(db).where('p.id', '=', id);
  const found = await (opts.lock ? query.forUpdate('p') : query).executeTakeFirst();
  return found && recordOf(found);
}

/** The county's plans of a year (and stage), newest first. */
export async function listZoningPlanRecords(
  db: Queryable,
  where: { countyCode: string; year: number; stage?: Stage },
): Promise<ZoningPlanSummaryRecord[]> {
  const query = planSummaries(db)
    .where('p.county_code', '=', where.countyCode)
    .where('p.year', '=', where.year);
  const rows = await (where.stage ? query.where('p.stage', '=', where.stage) : query)
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map(summaryOf);
}

/** The published plan of a county, year and stage with the county's name, or undefined. */
export async function findPublishedZoningPlan(
  db: Queryable,
  where: { countyCode: string; year: number; stage: Stage },
): Promise<(ZoningPlanRecord & { countyName: string }) | undefined> {
  const found = await planRows(db)
    .innerJoin('region as r', 'r.code', 'p.county_code')
    .select('r.name as county_name')
    .where('p.county_code', '=', where.countyCode)
    .where('p.year', '=', where.year)
    .where('p.stage', '=', where.stage)
    .where('p.status', '=', 'published')
    .executeTakeFirst();
  return found && { ...recordOf(found), countyName: found.county_name };
}

/** The plans a county has published, newest year first, 小学 before 初中. */
export async function listPublishedZoningPlans(
  db: Queryable,
  countyCode: string,
): Promise<{ planId: number; year: number; stage: Stage; title: string; publishedAt: Date }[]> {
  const rows = await sqlOf(db)
    .selectFrom('zoning_plan')
    .select(['id', 'year', 'stage', 'title', 'published_at'])
    .where('county_code', '=', countyCode)
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy((eb) => eb.case('stage').when('primary').then(eb.lit(0)).else(eb.lit(1)).end())
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    planId: r.id,
    year: r.year,
    // The schema's CHECK admits exactly core's STAGES.
    stage: r.stage as Stage,
    title: r.title,
    // The schema's zoning_plan_published CHECK: a published plan has its time.
    publishedAt: r.published_at!,
  }));
}

/** The published plans of a county, year and stage (at most one), locked FOR UPDATE. */
export async function lockPublishedZoningPlans(
  tx: Queryable,
  where: { countyCode: string; year: number; stage: Stage },
): Promise<{ id: number; version: number }[]> {
  return sqlOf(tx)
    .selectFrom('zoning_plan')
    .select(['id', 'version'])
    .where('county_code', '=', where.countyCode)
    .where('year', '=', where.year)
    .where('stage', '=', where.stage)
    .where('status', '=', 'published')
    .forUpdate()
    .execute();
}
