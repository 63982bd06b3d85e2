/**
 * @module Reading evaluation runs within the actor's scope: the list (with filters and paging), one
 * run with its inputs, rules and result, and whether runs still describe the county's data.
 */
import {
  type Actor,
  type CountyDataset,
  datasetChanges,
  type EvaluationResult,
  type ListScope,
  type StandardSet,
  visibleRegionPrefix,
} from '@junheng/core';
import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { paging } from '../platform/queryKit.js';
import type { EvaluationRunTable } from '../platform/tables.js';
import type { ListRunsQuery, RunDetail, RunFreshness, RunList, RunSummary } from './evaluationTypes.js';
import {
  datasetSha256,
  isRunId,
  isYear,
  loadCounty,
  runNotFound,
  runResource,
  summaries,
  toSummary,
} from './runRecords.js';

/** The runs `e` a ListScope admits. */
function inRunScope(scope: ListScope): Expression<SqlBool> {
  const eb = expressionBuilder<{ e: EvaluationRunTable }, 'e'>();
  const admit: Expression<SqlBool>[] = [];
  if (scope.scope === 'all') admit.push(sql<boolean>`TRUE`);
  if (scope.scope === 'region') admit.push(eb('e.county_code', 'like', sql<string>`${scope.prefix} || '%'`));
  // scope 'school': a county-wide run belongs to no school (see the module comment); 'none': nothing.
  if (scope.alsoPublished) admit.push(eb('e.published_at', 'is not', null));
  return admit.length > 0 ? eb.or(admit) : sql<boolean>`FALSE`;
}

/**
 * Lists evaluation runs the actor may see, newest first: those of counties in the actor's view
 * scope (core visibleRegionPrefix for evaluationRun), plus published ones when the policy makes
 * published runs visible to the actor.
 * @param db the database or a transaction handle
 * @param actor the signed-in user (or PUBLIC_ACTOR)
 * @param query optional county, year and standard filters; page (from 1) and pageSize
 * @returns one page and the total count
 * @throws AccessError invalidData for a page or pageSize that is not a positive integer, or a bad year
 */
export async function listRuns(
  db: Database | Queryable,
  actor: Actor,
  query: ListRunsQuery = {},
): Promise<RunList> {
  // Paging as every list of the API does it (queryKit): a too large page size is lowered, not refused.
  const { page, pageSize, offset } = paging(query);
  if (query.year !== undefined && !isYear(query.year)) {
    throw new AccessError('invalidData', `学年应为 2000 到 2100 之间的年份，收到 ${query.year}`);
  }
  const eb = expressionBuilder<{ e: EvaluationRunTable }, 'e'>();
  const condition = eb.and([
    inRunScope(visibleRegionPrefix(actor, 'evaluationRun')),
    ...(query.countyCode !== undefined ? [eb('e.county_code', '=', query.countyCode)] : []),
    ...(query.year !== undefined ? [eb('e.year', '=', query.year)] : []),
    ...(query.standard !== undefined ? [eb('e.standard', '=', query.standard)] : []),
  ]);
  const total = await sqlOf(db)
    .selectFrom('evaluation_run as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(condition)
    .executeTakeFirstOrThrow();
  const rows = await summaries(db)
    .where(condition)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(pageSize)
    .offset(offset)
    .execute();
  return { items: rows.map(toSummary), total: total.n, page, pageSize };
}

/**
 * Reads one run with its inputs, rules and result.
 * @param db the database or a transaction handle
 * @param actor the signed-in user (or PUBLIC_ACTOR)
 * @param id evaluation_run.id
 * @throws AccessError notFound when it does not exist or the actor may not view it (same answer)
 */
export async function getRun(db: Database | Queryable, actor: Actor, id: number): Promise<RunDetail> {
  if (!isRunId(id)) throw new AccessError('notFound', runNotFound(id));
  const row = await summaries(db)
    .select(['e.inputs', 'e.rules', 'e.result'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AccessError('notFound', runNotFound(id));
  requireAllowed(actor, 'view', runResource(row.county_code, row.published_at !== null), runNotFound(id));
  return {
    ...toSummary(row),
    // runEvaluation stores the dataset it evaluated, the standard tables and core's result.
    inputs: row.inputs as CountyDataset,
    rules: row.rules as StandardSet,
    result: row.result as EvaluationResult,
  };
}

/**
 * Compares a run's inputs with the county's data now, by the same SHA-256 publishRun checks, and
 * says what changed.
 * @param db the database or a transaction handle
 * @param run a run the caller has read (getRun checked that the actor may view it)
 * @returns current, or the reasons it is out of date
 */
export async function runFreshness(db: Database | Queryable, run: RunDetail): Promise<RunFreshness> {
  const now = await loadCounty(db, run.countyCode, run.year);
  if (datasetSha256(now) === run.inputsSha256) return { current: true, reasons: [] };
  const reasons = datasetChanges(run.inputs, now);
  return { current: false, reasons: reasons.length > 0 ? reasons : ['运行之后数据有改动'] };
}

/**
 * The runs of a list that are out of date: the county's data of their year hashes differently
 * now. One dataset read per county and year of the list.
 * @param db the database or a transaction handle
 * @param runs runs the actor may view (from listRuns)
 * @returns the ids of the runs whose data changed since
 */
export async function staleRunIds(
  db: Database | Queryable,
  runs: readonly Pick<RunSummary, 'id' | 'countyCode' | 'year' | 'inputsSha256'>[],
): Promise<Set<number>> {
  const current = new Map<string, string>();
  const stale = new Set<number>();
  for (const r of runs) {
    const key = `${r.countyCode}/${r.year}`;
    let sha = current.get(key);
    if (sha === undefined) {
      sha = datasetSha256(await loadCounty(db, r.countyCode, r.year));
      current.set(key, sha);
    }
    if (sha !== r.inputsSha256) stale.add(r.id);
  }
  return stale;
}
