/**
 * @module 划片 (zoning) plans, commands: the county's plans of a year, one plan, saving a draft
 * (create or update, with a version check) and publishing it (公示): it becomes public and the plan
 * published before for the same county, year and stage is withdrawn. A save evaluates the
 * assignment on the county's data of that moment and stores that problem with the plan; every
 * change is audited.
 */
import {
  checkPlanAssignment,
  checkPlanSource,
  checkPlanTitle,
  checkZoningStage,
  checkZoningYear,
  evaluateZoning,
  Refusal,
  type Stage,
  type ZoningAssignment,
  type ZoningEvaluation,
  type ZoningPlanSource,
} from '@junheng/core';
import {
  findZoningPlan,
  insertZoningPlan,
  inTransaction,
  listZoningPlanRecords,
  lockPublishedZoningPlans,
  markZoningPlanPublished,
  type Queryable,
  updateZoningPlanContent,
  withdrawZoningPlan,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { planSummary, planView, type ZoningPlanSummary, type ZoningPlanView } from '../present.js';
import { requireZoningCounty, requireZoningPlan } from './access.js';
import { readZoningProblem, type ZoningProblemFromDb } from './problem.js';
import { zoningInputRefusal } from './readCommands.js';

export interface NewZoningPlan {
  countyCode: string;
  year: number;
  stage: Stage;
  title: string;
  source: ZoningPlanSource;
  assignment: Record<string, string>;
  solver?: Record<string, unknown> | null;
}

export interface ZoningPlanChange {
  title: string;
  source: ZoningPlanSource;
  assignment: Record<string, string>;
  /** Left out: the plan keeps its solver info; null removes it. */
  solver?: Record<string, unknown> | null;
  expectedVersion: number;
}

/** The county's plans of a year (and stage), newest first. @throws Refusal notFound, invalidRequest */
export async function listZoningPlans(
  ctx: CommandContext,
  props: { countyCode: string; year: number; stage?: Stage },
): Promise<ZoningPlanSummary[]> {
  checkZoningYear(props.year);
  if (props.stage !== undefined) checkZoningStage(props.stage);
  await requireZoningCounty(ctx.db, ctx.actor, props.countyCode, 'view');
  return (await listZoningPlanRecords(ctx.db, props)).map(planSummary);
}

/** One plan with its evaluation. @throws Refusal notFound */
export async function getZoningPlan(ctx: CommandContext, props: { id: number }): Promise<ZoningPlanView> {
  return planView(await requireZoningPlan(ctx.db, ctx.actor, props.id, 'view'));
}

/** Evaluates an assignment on the county's current data; core's input errors become invalidRequest. */
async function evaluateOnDb(
  tx: Queryable,
  place: { countyCode: string; year: number; stage: Stage },
  assignment: Record<string, string>,
): Promise<{ built: ZoningProblemFromDb; evaluation: ZoningEvaluation }> {
  const built = await readZoningProblem(tx, place.countyCode, place.year, place.stage);
  if (built.problem.areas.length === 0) {
    throw new Refusal('invalidRequest', 'zoning.noAreas', { year: place.year });
  }
  try {
    return { built, evaluation: evaluateZoning(built.problem, assignment) };
  } catch (e) {
    throw zoningInputRefusal(e);
  }
}

/** A saved plan as the audit log keeps it: its figures, not its assignment. */
function auditPlan(
  title: string,
  source: ZoningPlanSource,
  evaluation: ZoningEvaluation,
  current: Record<string, string>,
  assignment: ZoningAssignment,
) {
  const t = evaluation.totals;
  return {
    title,
    source,
    areas: t.areas,
    unassignedAreas: t.unassignedAreas,
    changedFromCurrent: Object.keys(current).filter((k) => current[k] !== assignment[k]).length,
    meanDistanceKm: t.meanDistanceKm === null ? null : Math.round(t.meanDistanceKm * 1000) / 1000,
    overflowStudents: t.overflowStudents,
  };
}

/** The plan as it reads after a write, in the write's transaction. */
async function viewAfter(tx: Queryable, id: number): Promise<ZoningPlanView> {
  return planView((await findZoningPlan(tx, id))!);
}

/**
 * Saves a new draft plan (evaluated on the county's current areas and schools).
 * @throws Refusal notFound, notAllowed, invalidRequest
 */
export async function createZoningPlan(ctx: CommandContext, input: NewZoningPlan): Promise<ZoningPlanView> {
  checkZoningYear(input.year);
  const stage = checkZoningStage(input.stage);
  const title = checkPlanTitle(input.title);
  const source = checkPlanSource(input.source);
  const assignment = checkPlanAssignment(input.assignment);
  return inTransaction(ctx.db, async (tx) => {
    const { countyCode, year } = input;
    await requireZoningCounty(tx, ctx.actor, countyCode, 'edit');
    const { built, evaluation } = await evaluateOnDb(tx, { countyCode, year, stage }, assignment);
    const by = await actingUser(tx, ctx.actor);
    const id = await insertZoningPlan(
      tx,
      {
        countyCode,
        year,
        stage,
        title,
        source,
        assignment,
        problem: built.problem,
        current: built.current,
        solver: input.solver ?? null,
        totals: evaluation.totals,
      },
      by.id,
    );
    await recordChange(
      tx,
      ctx,
      {
        action: 'zoningPlan.create',
        entity: 'zoning_plan',
        entityId: id,
        after: {
          countyCode,
          year,
          stage,
          ...auditPlan(title, source, evaluation, built.current, assignment),
        },
      },
      by,
    );
    return viewAfter(tx, id);
  });
}

/**
 * Saves a changed draft (re-evaluated on the county's current data).
 * @throws Refusal notFound, notAllowed, conflict (stale version), wrongState (not a draft), invalidRequest
 */
export async function updateZoningPlan(
  ctx: CommandContext,
  props: { id: number } & ZoningPlanChange,
): Promise<ZoningPlanView> {
  const { id } = props;
  const title = checkPlanTitle(props.title);
  const source = checkPlanSource(props.source);
  const assignment = checkPlanAssignment(props.assignment);
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireZoningPlan(tx, ctx.actor, id, 'edit', true);
    if (row.version !== props.expectedVersion) throw new Refusal('conflict', 'zoning.planConflict');
    if (row.status !== 'draft') throw new Refusal('wrongState', 'zoning.planNotDraft');
    const { built, evaluation } = await evaluateOnDb(tx, row, assignment);
    const by = await actingUser(tx, ctx.actor);
    const solver = props.solver === undefined ? row.solver : props.solver;
    await updateZoningPlanContent(
      tx,
      id,
      {
        title,
        source,
        assignment,
        problem: built.problem,
        current: built.current,
        solver: solver ?? null,
        totals: evaluation.totals,
      },
      by.id,
    );
    const changedAreas = Object.keys({ ...row.assignment, ...assignment }).filter(
      (k) => row.assignment[k] !== assignment[k],
    );
    await recordChange(
      tx,
      ctx,
      {
        action: 'zoningPlan.update',
        entity: 'zoning_plan',
        entityId: id,
        before: { version: row.version, title: row.title, source: row.source },
        after: {
          version: row.version + 1,
          ...auditPlan(title, source, evaluation, built.current, assignment),
          changedAreas: changedAreas.slice(0, 200),
        },
      },
      by,
    );
    return viewAfter(tx, id);
  });
}

/**
 * Publishes a draft (公示): it becomes public; the plan published before for the same county, year
 * and stage is withdrawn. Every area must have a school.
 * @throws Refusal notFound, notAllowed, conflict, wrongState
 */
export async function publishZoningPlan(
  ctx: CommandContext,
  props: { id: number; expectedVersion: number },
): Promise<ZoningPlanView> {
  const { id } = props;
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireZoningPlan(tx, ctx.actor, id, 'publish', true);
    if (row.version !== props.expectedVersion) throw new Refusal('conflict', 'zoning.planConflict');
    if (row.status !== 'draft') throw new Refusal('wrongState', 'zoning.planAlreadyPublished');
    const unassigned = row.totals.unassignedAreas;
    if (unassigned > 0) throw new Refusal('wrongState', 'zoning.planUnassigned', { count: unassigned });
    const by = await actingUser(tx, ctx.actor);
    const previous = await lockPublishedZoningPlans(tx, row);
    for (const p of previous) {
      await withdrawZoningPlan(tx, p.id, by.id);
      await recordChange(
        tx,
        ctx,
        {
          action: 'zoningPlan.withdraw',
          entity: 'zoning_plan',
          entityId: p.id,
          before: { version: p.version, status: 'published' },
          after: { version: p.version + 1, status: 'withdrawn', replacedBy: id },
        },
        by,
      );
    }
    await markZoningPlanPublished(tx, id, by.id);
    await recordChange(
      tx,
      ctx,
      {
        action: 'zoningPlan.publish',
        entity: 'zoning_plan',
        entityId: id,
        before: { version: row.version, status: 'draft' },
        after: { version: row.version + 1, status: 'published', withdrawn: previous.map((p) => p.id) },
      },
      by,
    );
    return viewAfter(tx, id);
  });
}
