/**
 * @module Evaluation runs (评估), the reads: the runs an actor may see (with which are stale), one
 * run with whether it still describes the county's data, a run for download, and the county's
 * trend over the years.
 *
 * Visibility: a run belongs to its county (resource evaluationRun, regionCode = the county code,
 * published = published_at set). A county-wide run has no schoolId, so school and principal users
 * see no runs here (core policies: the server builds a school's slice with its own resource); a
 * published run is visible to whoever the policy lets see published runs (ListScope
 * alsoPublished). A run that does not exist and one the actor may not see get the same answer.
 */
import {
  datasetChanges,
  explain,
  isRunId,
  isRunYear,
  message,
  Refusal,
  requireAllowed,
  visibleRegionPrefix,
} from '@junheng/core';
import {
  countyByCode,
  datasetSha256,
  findRun,
  type RunDetail,
  type RunList,
  type RunPageQuery,
  type RunSummary,
  runPage,
  trendRows,
} from '@junheng/db';
import type { CommandContext } from '../platform/commands.js';
import {
  presentRunDetail,
  presentRunList,
  presentTrendPoint,
  type RunFreshness,
  type TrendPoint,
} from './present.js';
import { loadCounty, runNotFound, runResource } from './runAccess.js';

/**
 * Lists evaluation runs the actor may see, newest first: those of counties in the actor's view
 * scope (core visibleRegionPrefix for evaluationRun), plus published ones when the policy makes
 * published runs visible to the actor.
 * @throws Refusal invalidRequest for a bad year; AccessError invalidData for a bad page (db queryKit)
 */
export async function listRuns(ctx: CommandContext, query: RunPageQuery = {}): Promise<RunList> {
  if (query.year !== undefined && !isRunYear(query.year)) {
    throw new Refusal('invalidRequest', 'evaluation.yearInvalid', { year: query.year });
  }
  return runPage(ctx.db, visibleRegionPrefix(ctx.actor, 'evaluationRun'), query);
}

/** The runs of a list that are out of date: one dataset read per county and year of the list. */
export async function staleRunIds(
  ctx: CommandContext,
  runs: readonly Pick<RunSummary, 'id' | 'countyCode' | 'year' | 'inputsSha256'>[],
): Promise<Set<number>> {
  const current = new Map<string, string>();
  const stale = new Set<number>();
  for (const r of runs) {
    const key = `${r.countyCode}/${r.year}`;
    let sha = current.get(key);
    if (sha === undefined) {
      sha = datasetSha256(await loadCounty(ctx.db, r.countyCode, r.year));
      current.set(key, sha);
    }
    if (sha !== r.inputsSha256) stale.add(r.id);
  }
  return stale;
}

/** The runs the actor may see (listRuns), each marked stale when its data changed since. */
export async function listRunsMarkedStale(ctx: CommandContext, query: RunPageQuery = {}) {
  const list = await listRuns(ctx, query);
  return presentRunList(list, await staleRunIds(ctx, list.items));
}

/**
 * Reads one run with its inputs, rules and result.
 * @throws Refusal notFound when it does not exist or the actor may not view it (same answer)
 */
export async function getRun(ctx: CommandContext, props: { id: number }): Promise<RunDetail> {
  if (!isRunId(props.id)) throw runNotFound(props.id);
  const run = await findRun(ctx.db, props.id);
  if (!run) throw runNotFound(props.id);
  requireAllowed(ctx.actor, 'view', runResource(run.countyCode, run.publishedAt !== null), {
    key: 'evaluation.runNotFound',
    params: { id: String(props.id) },
  });
  return run;
}

/**
 * Compares a run's inputs with the county's data now, by the same SHA-256 publishRun checks, and
 * says what changed.
 */
export async function runFreshness(ctx: CommandContext, run: RunDetail): Promise<RunFreshness> {
  const now = await loadCounty(ctx.db, run.countyCode, run.year);
  if (datasetSha256(now) === run.inputsSha256) return { current: true, reasons: [] };
  const reasons = datasetChanges(run.inputs, now);
  return { current: false, reasons: reasons.length > 0 ? reasons : [message('evaluation.changedSinceRun')] };
}

/** One run on its page (getRun), with whether it still describes the county's data. */
export async function readRun(ctx: CommandContext, props: { id: number }) {
  const detail = await getRun(ctx, props);
  return presentRunDetail(detail, await runFreshness(ctx, detail));
}

/**
 * A run the actor may download (policy export).
 * @throws Refusal notFound, notAllowed
 */
export async function runForExport(ctx: CommandContext, props: { id: number }): Promise<RunDetail> {
  const run = await getRun(ctx, props);
  requireAllowed(ctx.actor, 'export', runResource(run.countyCode, run.publishedAt !== null), {
    key: 'evaluation.exportNotFound',
  });
  return run;
}

/**
 * A county's difference coefficients over the years: for each year and standard, the newest
 * published run, or the newest run when none is published. Actors who may see only published runs
 * (by the policy) get only published ones.
 * @returns oldest year first, basic before quality
 * @throws Refusal notFound when the county does not exist or the actor may not view it
 */
export async function countyTrend(ctx: CommandContext, props: { countyCode: string }): Promise<TrendPoint[]> {
  const { countyCode } = props;
  const all = explain(ctx.actor, 'view', runResource(countyCode, false));
  const onlyPublished = !all.allowed && explain(ctx.actor, 'view', runResource(countyCode, true)).allowed;
  if (!all.allowed && !onlyPublished) {
    throw new Refusal('notFound', 'evaluation.countyNotFound', { code: countyCode }, { rule: all.rule });
  }
  if (!(await countyByCode(ctx.db, countyCode))) {
    throw new Refusal('notFound', 'evaluation.countyNotFound', { code: countyCode });
  }
  return (await trendRows(ctx.db, countyCode, onlyPublished)).map(presentTrendPoint);
}
