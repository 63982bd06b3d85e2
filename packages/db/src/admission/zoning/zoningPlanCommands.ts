/**
 * @module 划片 (zoning) plans, commands: saving a draft (create or update, with a version check) and
 * publishing it (公示). A save evaluates the assignment on the county's data of that moment and
 * stores that problem with the plan; every command is audited.
 */
import {
  type Actor,
  evaluateZoning,
  type Stage,
  type ZoningAssignment,
  type ZoningEvaluation,
  ZoningInputError,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';
import { checkCounty, checkStage, invalid } from './zoningChecks.js';
import { loadPlan, viewOf, type ZoningPlanSource, type ZoningPlanView } from './zoningPlanQueries.js';
import { problemOf, type ZoningProblemFromDb } from './zoningProblem.js';
import { readAreas, readSchools } from './zoningReads.js';

export interface NewZoningPlan {
  countyCode: string;
  year: number;
  stage: Stage;
  title: string;
  source: ZoningPlanSource;
  assignment: Record<string, string>;
  solver?: Record<string, unknown> | null;
}

const CONFLICT = '该划片方案已被他人修改：请刷新后在最新版本上修改，您的改动未保存';

function checkTitle(title: unknown): string {
  const t = typeof title === 'string' ? title.trim() : '';
  if (t === '' || [...t].length > 100) invalid('请填写方案名称（1～100 个字）');
  return t;
}

function checkSource(source: unknown): ZoningPlanSource {
  if (source !== 'solver' && source !== 'hand' && source !== 'current') {
    invalid(`方案来源应为 solver（求解）、hand（手动调整）或 current（现行划片），收到 ${String(source)}`);
  }
  return source as ZoningPlanSource;
}

function checkAssignment(assignment: unknown): Record<string, string> {
  if (typeof assignment !== 'object' || assignment === null || Array.isArray(assignment)) {
    invalid('划片方案应为“小区/村编号 → 学校标识码”的对象');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(assignment as Record<string, unknown>)) {
    if (typeof v !== 'string') invalid(`小区/村 ${k} 的学校应为学校标识码（文字），收到 ${String(v)}`);
    out[k] = v as string;
  }
  return out;
}

/** Evaluates an assignment on the county's current data; core's input errors become invalidData. */
async function evaluateOnDb(
  tx: Queryable,
  countyCode: string,
  year: number,
  stage: Stage,
  assignment: Record<string, string>,
): Promise<{ built: ZoningProblemFromDb; evaluation: ZoningEvaluation }> {
  const built = problemOf(
    stage,
    await readAreas(tx, countyCode, year),
    await readSchools(tx, countyCode, year),
  );
  if (built.problem.areas.length === 0) {
    invalid(`${year}年还没有导入小区/村：请先在划片页面导入小区/村（GeoJSON 或 Excel）`);
  }
  try {
    return { built, evaluation: evaluateZoning(built.problem, assignment) };
  } catch (e) {
    if (e instanceof ZoningInputError) invalid(e.message);
    throw e;
  }
}

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

/**
 * Saves a new draft plan (evaluated on the county's current areas and schools).
 * @throws AccessError notFound, notAllowed, invalidData
 */
export async function createZoningPlan(
  db: Database | Queryable,
  actor: Actor,
  input: NewZoningPlan,
  opts: { ip?: string | null } = {},
): Promise<ZoningPlanView> {
  checkYear(input.year);
  const stage = checkStage(input.stage);
  const title = checkTitle(input.title);
  const source = checkSource(input.source);
  const assignment = checkAssignment(input.assignment);
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, input.countyCode, 'edit');
    const { built, evaluation } = await evaluateOnDb(tx, input.countyCode, input.year, stage, assignment);
    const by = await actingUser(tx, actor);
    const { id } = await sqlOf(tx)
      .insertInto('zoning_plan')
      .values({
        county_code: input.countyCode,
        year: input.year,
        stage,
        title,
        source,
        assignment: jsonb(assignment),
        problem: jsonb({ problem: built.problem, current: built.current }),
        solver: input.solver ? jsonb(input.solver) : null,
        totals: jsonb(evaluation.totals),
        created_by: by.id,
        updated_by: by.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoningPlan.create',
      entity: 'zoning_plan',
      entityId: String(id),
      after: {
        countyCode: input.countyCode,
        year: input.year,
        stage,
        ...auditPlan(title, source, evaluation, built.current, assignment),
      },
      ip: opts.ip ?? null,
    });
    return viewOf(await loadPlan(tx, actor, id, 'view'));
  });
}

/**
 * Saves a changed draft (re-evaluated on the county's current data).
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState (not a draft), invalidData
 */
export async function updateZoningPlan(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: {
    title: string;
    source: ZoningPlanSource;
    assignment: Record<string, string>;
    solver?: Record<string, unknown> | null;
    expectedVersion: number;
  },
  opts: { ip?: string | null } = {},
): Promise<ZoningPlanView> {
  const title = checkTitle(input.title);
  const source = checkSource(input.source);
  const assignment = checkAssignment(input.assignment);
  return inTransaction(db, async (tx) => {
    const row = await loadPlan(tx, actor, id, 'edit', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status !== 'draft') {
      throw new AccessError('wrongState', '该方案已发布（或已被新方案取代），不能再修改：请另存为新方案');
    }
    const { built, evaluation } = await evaluateOnDb(tx, row.county_code, row.year, row.stage, assignment);
    const by = await actingUser(tx, actor);
    await sqlOf(tx)
      .updateTable('zoning_plan')
      .set((eb) => ({
        title,
        source,
        assignment: jsonb(assignment),
        problem: jsonb({ problem: built.problem, current: built.current }),
        solver: (input.solver === undefined ? row.solver : input.solver)
          ? jsonb(input.solver ?? row.solver)
          : null,
        totals: jsonb(evaluation.totals),
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    const changedAreas = Object.keys({ ...row.assignment, ...assignment }).filter(
      (k) => row.assignment[k] !== assignment[k],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoningPlan.update',
      entity: 'zoning_plan',
      entityId: String(id),
      before: { version: row.version, title: row.title, source: row.source },
      after: {
        version: row.version + 1,
        ...auditPlan(title, source, evaluation, built.current, assignment),
        changedAreas: changedAreas.slice(0, 200),
      },
      ip: opts.ip ?? null,
    });
    return viewOf(await loadPlan(tx, actor, id, 'view'));
  });
}

/**
 * Publishes a draft (公示): it becomes public; the plan published before for the same county, year
 * and stage is withdrawn. Every area must have a school.
 * @throws AccessError notFound, notAllowed, conflict, wrongState
 */
export async function publishZoningPlan(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number },
  opts: { ip?: string | null } = {},
): Promise<ZoningPlanView> {
  return inTransaction(db, async (tx) => {
    const row = await loadPlan(tx, actor, id, 'publish', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status !== 'draft') throw new AccessError('wrongState', '该方案已发布过，不能重复发布');
    const unassigned = row.totals.unassignedAreas;
    if (unassigned > 0) {
      throw new AccessError(
        'wrongState',
        `方案中还有 ${unassigned} 个小区/村未划片：请先为它们指定学校，再发布`,
      );
    }
    const by = await actingUser(tx, actor);
    const q = sqlOf(tx);
    const previous = await q
      .selectFrom('zoning_plan')
      .select(['id', 'version'])
      .where('county_code', '=', row.county_code)
      .where('year', '=', row.year)
      .where('stage', '=', row.stage)
      .where('status', '=', 'published')
      .forUpdate()
      .execute();
    for (const p of previous) {
      await q
        .updateTable('zoning_plan')
        .set((eb) => ({
          status: 'withdrawn',
          version: eb('version', '+', 1),
          updated_by: by.id,
          updated_at: sql<Date>`now()`,
        }))
        .where('id', '=', p.id)
        .execute();
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: 'zoningPlan.withdraw',
        entity: 'zoning_plan',
        entityId: String(p.id),
        before: { version: p.version, status: 'published' },
        after: { version: p.version + 1, status: 'withdrawn', replacedBy: id },
        ip: opts.ip ?? null,
      });
    }
    await q
      .updateTable('zoning_plan')
      .set((eb) => ({
        status: 'published',
        published_at: sql<Date>`now()`,
        published_by: by.id,
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoningPlan.publish',
      entity: 'zoning_plan',
      entityId: String(id),
      before: { version: row.version, status: 'draft' },
      after: { version: row.version + 1, status: 'published', withdrawn: previous.map((p) => p.id) },
      ip: opts.ip ?? null,
    });
    return viewOf(await loadPlan(tx, actor, id, 'view'));
  });
}
