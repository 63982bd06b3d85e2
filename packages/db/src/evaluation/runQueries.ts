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
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { paging } from '../platform/queryKit.js';
import type { ListRunsQuery, RunDetail, RunFreshness, RunList, RunSummary } from './evaluationTypes.js';
import {
  datasetSha256,
  isRunId,
  isYear,
  loadCounty,
  runNotFound,
  runResource,
  SUMMARY_SELECT,
  type SummaryRow,
  toSummary,
} from './runRecords.js';

/** `WHERE` condition for the runs a ListScope admits (parameters appended to `params`). */
function scopeCondition(scope: ListScope, params: unknown[]): string {
  const admit: string[] = [];
  if (scope.scope === 'all') admit.push('TRUE');
  if (scope.scope === 'region') {
    params.push(scope.prefix);
    admit.push(`e.county_code LIKE $${params.length} || '%'`);
  }
  // scope 'school': a county-wide run belongs to no school (see the module comment); 'none': nothing.
  if (scope.alsoPublished) admit.push('e.published_at IS NOT NULL');
  return admit.length > 0 ? `(${admit.join(' OR ')})` : 'FALSE';
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
  const params: unknown[] = [];
  const where = [scopeCondition(visibleRegionPrefix(actor, 'evaluationRun'), params)];
  if (query.countyCode !== undefined) {
    params.push(query.countyCode);
    where.push(`e.county_code = $${params.length}`);
  }
  if (query.year !== undefined) {
    params.push(query.year);
    where.push(`e.year = $${params.length}`);
  }
  if (query.standard !== undefined) {
    params.push(query.standard);
    where.push(`e.standard = $${params.length}`);
  }
  const condition = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM evaluation_run e WHERE ${condition}`,
    params,
  );
  const { rows } = await db.query<SummaryRow>(
    `${SUMMARY_SELECT} WHERE ${condition} ORDER BY e.created_at DESC, e.id DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, offset],
  );
  return { items: rows.map(toSummary), total: total.rows[0]!.n, page, pageSize };
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
  const { rows } = await db.query<
    SummaryRow & { inputs: CountyDataset; rules: StandardSet; result: EvaluationResult }
  >(
    `${SUMMARY_SELECT.replace('SELECT e.id,', 'SELECT e.inputs, e.rules, e.result, e.id,')} WHERE e.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', runNotFound(id));
  requireAllowed(actor, 'view', runResource(row.county_code, row.published_at !== null), runNotFound(id));
  return { ...toSummary(row), inputs: row.inputs, rules: row.rules, result: row.result };
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
