/**
 * @module 划片 (zoning) plans, reading: a plan's stored row as the answers shape it (a summary for
 * lists; the full view re-evaluated on the problem the plan was saved with, so that a published plan
 * reads the same whatever is imported afterwards), loading one with the actor's right checked, and the
 * county's plans of a year.
 */
import {
  type Actor,
  compareZonings,
  evaluateZoning,
  type Stage,
  type ZoningComparison,
  type ZoningEvaluation,
  type ZoningProblem,
  type ZoningTotals,
} from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { checkYear } from '../../platform/queryKit.js';
import { checkCounty, checkStage, notFound } from './zoningChecks.js';

export type ZoningPlanSource = 'solver' | 'hand' | 'current';
export type ZoningPlanStatus = 'draft' | 'published' | 'withdrawn';

export interface ZoningPlanSummary {
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

export interface ZoningPlanView extends ZoningPlanSummary {
  assignment: Record<string, string>;
  /** The areas and schools the plan was evaluated on. */
  problem: ZoningProblem;
  current: Record<string, string>;
  evaluation: ZoningEvaluation;
  /** Current zones → this plan, when current zones were known. */
  comparison: ZoningComparison | null;
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
export function planRows(db: Queryable) {
  return planSummaries(db).select(['p.assignment', 'p.problem']);
}

type SummaryDbRow = Awaited<ReturnType<ReturnType<typeof planSummaries>['execute']>>[number];
type PlanDbRow = Awaited<ReturnType<ReturnType<typeof planRows>['execute']>>[number];

/** A summary row with its checked text and its JSON in their shapes. */
function typedSummary(r: SummaryDbRow) {
  return {
    ...r,
    // The schema's CHECKs admit exactly core's STAGES and this module's sources and statuses.
    stage: r.stage as Stage,
    source: r.source as ZoningPlanSource,
    status: r.status as ZoningPlanStatus,
    // Written by zoningPlanCommands.ts: core's evaluation totals and the solver info of the request.
    totals: r.totals as ZoningTotals,
    solver: r.solver as Record<string, unknown> | null,
  };
}

/** A plan row with its JSON in their shapes. */
export function typedPlan(r: PlanDbRow) {
  return {
    ...typedSummary(r),
    // Written by zoningPlanCommands.ts: the checked assignment and the problem it was evaluated on.
    assignment: r.assignment as Record<string, string>,
    problem: r.problem as { problem: ZoningProblem; current: Record<string, string> },
  };
}

/** A zoning_plan row with the names of its authors, as {@link loadPlan} reads it. */
export type PlanRowDb = ReturnType<typeof typedPlan>;

function summaryOf(r: ReturnType<typeof typedSummary>): ZoningPlanSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    year: r.year,
    stage: r.stage,
    title: r.title,
    source: r.source,
    status: r.status,
    totals: r.totals,
    solver: r.solver,
    version: r.version,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    publishedAt: r.published_at,
  };
}

export function viewOf(r: PlanRowDb): ZoningPlanView {
  const { problem, current } = r.problem;
  const evaluation = evaluateZoning(problem, r.assignment);
  const comparison =
    Object.keys(current).length > 0 ? compareZonings(evaluateZoning(problem, current), evaluation) : null;
  return { ...summaryOf(r), assignment: r.assignment, problem, current, evaluation, comparison };
}

export async function loadPlan(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit' | 'publish',
  lock = false,
): Promise<PlanRowDb> {
  const message = notFound(`划片方案 ${String(id)}`);
  if (!Number.isSafeInteger(id) || id < 1) throw new AccessError('notFound', message);
  const query = planRows(db).where('p.id', '=', id);
  const found = await (lock ? query.forUpdate('p') : query).executeTakeFirst();
  if (!found) throw new AccessError('notFound', message);
  const row = typedPlan(found);
  requireAllowed(
    actor,
    action,
    { kind: 'admissionPlan', regionCode: row.county_code, published: row.status === 'published' },
    message,
  );
  return row;
}

/** One plan with its evaluation. @throws AccessError notFound */
export async function getZoningPlan(db: Queryable, actor: Actor, id: number): Promise<ZoningPlanView> {
  return viewOf(await loadPlan(db, actor, id, 'view'));
}

/** The county's plans of a year (and stage), newest first. @throws AccessError notFound */
export async function listZoningPlans(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
  stage?: Stage,
): Promise<ZoningPlanSummary[]> {
  checkYear(year);
  if (stage !== undefined) checkStage(stage);
  await checkCounty(db, actor, countyCode, 'view');
  const query = planSummaries(db).where('p.county_code', '=', countyCode).where('p.year', '=', year);
  const rows = await (stage ? query.where('p.stage', '=', stage) : query)
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => summaryOf(typedSummary(r)));
}
