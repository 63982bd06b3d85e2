/**
 * @module 划片 (zoning) answers: a stored plan as lists show it (a summary) and as one plan reads
 * (re-evaluated on the problem it was saved with, so that a published plan reads the same whatever
 * is imported afterwards, and compared with the current zones of that moment); the published plan
 * as parents read it (each school with its 小区/村, no figures about children).
 */
import {
  type AreaKind,
  compareZonings,
  evaluateZoning,
  type Stage,
  type ZoningComparison,
  type ZoningEvaluation,
  type ZoningProblem,
} from '@junheng/core';
import type { ZoningPlanRecord, ZoningPlanSummaryRecord } from '@junheng/db';
import type { SolverInfo } from './schema.js';

/**
 * A plan as lists answer it. The database keeps the solver info as the JSON a save brought, which
 * the save's body schema (solverInfo) checked: it has that shape.
 */
export type ZoningPlanSummary = Omit<ZoningPlanSummaryRecord, 'solver'> & { solver: SolverInfo | null };

export interface ZoningPlanView extends ZoningPlanSummary {
  assignment: Record<string, string>;
  /** The areas and schools the plan was evaluated on. */
  problem: ZoningProblem;
  current: Record<string, string>;
  evaluation: ZoningEvaluation;
  /** Current zones → this plan, when current zones were known. */
  comparison: ZoningComparison | null;
}

/** What parents look up: which 小区/村 belong to which school. No figures about children. */
export interface PublicZoning {
  planId: number;
  countyCode: string;
  countyName: string;
  year: number;
  stage: Stage;
  title: string;
  publishedAt: Date;
  schools: {
    schoolId: string;
    name: string;
    /** The school's address in the register (public: it is a school's), null when none. */
    address: string | null;
    areas: { id: string; name: string; kind: AreaKind; township: string | null }[];
  }[];
}

/** A plan's summary fields (and only those) with the solver info typed. */
export function planSummary(r: ZoningPlanSummaryRecord): ZoningPlanSummary {
  return {
    id: r.id,
    countyCode: r.countyCode,
    year: r.year,
    stage: r.stage,
    title: r.title,
    source: r.source,
    status: r.status,
    totals: r.totals,
    solver: r.solver as SolverInfo | null,
    version: r.version,
    createdAt: r.createdAt,
    createdByName: r.createdByName,
    updatedAt: r.updatedAt,
    updatedByName: r.updatedByName,
    publishedAt: r.publishedAt,
  };
}

/** One plan with its evaluation and its comparison with the current zones it was saved with. */
export function planView(r: ZoningPlanRecord): ZoningPlanView {
  const { problem, current } = r;
  const evaluation = evaluateZoning(problem, r.assignment);
  const comparison =
    Object.keys(current).length > 0 ? compareZonings(evaluateZoning(problem, current), evaluation) : null;
  return { ...planSummary(r), assignment: r.assignment, problem, current, evaluation, comparison };
}

/** The published plan as parents read it: every school of the stage with its 小区/村 in file order. */
export function publicZoning(
  r: ZoningPlanRecord & { countyName: string },
  addresses: ReadonlyMap<string, string | null>,
): PublicZoning {
  const bySchool = new Map<string, PublicZoning['schools'][number]['areas']>();
  for (const a of r.problem.areas) {
    const s = r.assignment[a.id];
    if (!s) continue;
    bySchool.set(s, [
      ...(bySchool.get(s) ?? []),
      { id: a.id, name: a.name, kind: a.kind, township: a.township ?? null },
    ]);
  }
  return {
    planId: r.id,
    countyCode: r.countyCode,
    countyName: r.countyName,
    year: r.year,
    stage: r.stage,
    title: r.title,
    // The schema's zoning_plan_published CHECK: a published plan has its time.
    publishedAt: r.publishedAt!,
    schools: r.problem.schools
      .filter((s) => s.stages.includes(r.stage))
      .map((s) => ({
        schoolId: s.id,
        name: s.name,
        address: addresses.get(s.id) ?? null,
        areas: bySchool.get(s.id) ?? [],
      })),
  };
}
