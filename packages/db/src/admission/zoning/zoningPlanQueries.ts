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

/** A zoning_plan row with the names of its authors (SELECT_PLAN). */
export interface PlanRowDb {
  id: number;
  county_code: string;
  year: number;
  stage: Stage;
  title: string;
  source: ZoningPlanSource;
  assignment: Record<string, string>;
  problem: { problem: ZoningProblem; current: Record<string, string> };
  solver: Record<string, unknown> | null;
  totals: ZoningTotals;
  status: ZoningPlanStatus;
  published_at: Date | null;
  version: number;
  created_at: Date;
  created_by_name: string | null;
  updated_at: Date;
  updated_by_name: string | null;
}

export const SELECT_PLAN = `
  SELECT p.id, p.county_code, p.year, p.stage, p.title, p.source, p.assignment, p.problem, p.solver, p.totals,
         p.status, p.published_at, p.version, p.created_at, cu.display_name AS created_by_name, p.updated_at,
         uu.display_name AS updated_by_name
    FROM zoning_plan p
    LEFT JOIN app_user cu ON cu.id = p.created_by
    LEFT JOIN app_user uu ON uu.id = p.updated_by`;
const SELECT_SUMMARY = SELECT_PLAN.replace('p.assignment, p.problem, ', '');

function summaryOf(r: Omit<PlanRowDb, 'assignment' | 'problem'>): ZoningPlanSummary {
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
  const { rows } = await db.query<PlanRowDb>(
    `${SELECT_PLAN} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', message);
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
  const params: unknown[] = [countyCode, year];
  let where = 'p.county_code = $1 AND p.year = $2';
  if (stage) {
    params.push(stage);
    where += ' AND p.stage = $3';
  }
  const { rows } = await db.query<PlanRowDb>(
    `${SELECT_SUMMARY} WHERE ${where} ORDER BY p.updated_at DESC, p.id DESC`,
    params,
  );
  return rows.map(summaryOf);
}
