/**
 * @module 划片 (zoning) plans, writing: a new draft, a changed draft (its version goes up), a
 * published plan withdrawn, a draft published. Repositories only: the server command checks the
 * version and the state, evaluates the assignment and records the change; the schema's trigger
 * keeps published and withdrawn plans unchanged.
 */
import type { Stage, ZoningPlanSource, ZoningProblem, ZoningTotals } from '@junheng/core';
import { sql } from 'kysely';
import { jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';

/** What a save stores: the checked assignment, the problem it was evaluated on and its totals. */
export interface ZoningPlanContent {
  title: string;
  source: ZoningPlanSource;
  assignment: Record<string, string>;
  problem: ZoningProblem;
  current: Record<string, string>;
  solver: Record<string, unknown> | null;
  totals: ZoningTotals;
}

/** Inserts a draft. @returns its id */
export async function insertZoningPlan(
  tx: Queryable,
  plan: ZoningPlanContent & { countyCode: string; year: number; stage: Stage },
  by: number,
): Promise<number> {
  const { id } = await sqlOf(tx)
    .insertInto('zoning_plan')
    .values({
      county_code: plan.countyCode,
      year: plan.year,
      stage: plan.stage,
      title: plan.title,
      source: plan.source,
      assignment: jsonb(plan.assignment),
      problem: jsonb({ problem: plan.problem, current: plan.current }),
      solver: plan.solver ? jsonb(plan.solver) : null,
      totals: jsonb(plan.totals),
      created_by: by,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces a draft's content; its version goes up by one. */
export async function updateZoningPlanContent(
  tx: Queryable,
  id: number,
  plan: ZoningPlanContent,
  by: number,
): Promise<void> {
  await sqlOf(tx)
    .updateTable('zoning_plan')
    .set((eb) => ({
      title: plan.title,
      source: plan.source,
      assignment: jsonb(plan.assignment),
      problem: jsonb({ problem: plan.problem, current: plan.current }),
      solver: plan.solver ? jsonb(plan.solver) : null,
      totals: jsonb(plan.totals),
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

/** A published plan becomes withdrawn (another is published); its version goes up by one. */
export async function withdrawZoningPlan(tx: Queryable, id: number, by: number): Promise<void> {
  await sqlOf(tx)
    .updateTable('zoning_plan')
    .set((eb) => ({
      status: 'withdrawn',
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

/** A draft becomes published now, by `by`; its version goes up by one. */
export async function markZoningPlanPublished(tx: Queryable, id: number, by: number): Promise<void> {
  await sqlOf(tx)
    .updateTable('zoning_plan')
    .set((eb) => ({
      status: 'published',
      published_at: sql<Date>`now()`,
      published_by: by,
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}
