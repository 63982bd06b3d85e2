/**
 * @module Reading evaluation runs (the server's evaluation commands decide who may see which): one
 * page of the runs in a ListScope, and one run with its inputs, rules and result.
 */
import type { CountyDataset, EvaluationResult, ListScope, StandardKey, StandardSet } from '@junheng/core';
import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { paging } from '../platform/queryKit.js';
import type { EvaluationRunTable } from '../platform/tables.js';
import type { RunDetail, RunList } from './evaluationTypes.js';
import { summaries, toSummary } from './runRecords.js';

/**
 * The runs `e` a ListScope admits. A county-wide run belongs to no school, so a school's scope sees
 * none; `alsoPublished` admits every published run.
 */
function inRunScope(scope: ListScope): Expression<SqlBool> {
  const eb = expressionBuilder<{ e: EvaluationRunTable }, 'e'>();
  const admit: Expression<SqlBool>[] = [];
  if (scope.scope === 'all') admit.push(sql<boolean>`TRUE`);
  if (scope.scope === 'region') admit.push(eb('e.county_code', 'like', sql<string>`${scope.prefix} || '%'`));
  if (scope.alsoPublished) admit.push(eb('e.published_at', 'is not', null));
  return admit.length > 0 ? eb.or(admit) : sql<boolean>`FALSE`;
}

/** The filters of the run list (absent = any) and its page. */
export interface RunPageQuery {
  countyCode?: string;
  year?: number;
  standard?: StandardKey;
  /** 1-based; default 1. */
  page?: number;
  /** Default 20; above queryKit's MAX_PAGE_SIZE (500) it is lowered to it. */
  pageSize?: number;
}

/**
 * One page of the runs in a scope, newest first.
 * @param scope what the caller may see (core visibleRegionPrefix for evaluationRun)
 * @throws AccessError invalidData for a page or pageSize that is not a positive integer (queryKit)
 */
export async function runPage(
  db: Database | Queryable,
  scope: ListScope,
  query: RunPageQuery,
): Promise<RunList> {
  // Paging as every list of the API does it (queryKit): a too large page size is lowered, not refused.
  const { page, pageSize, offset } = paging(query);
  const eb = expressionBuilder<{ e: EvaluationRunTable }, 'e'>();
  const condition = eb.and([
    inRunScope(scope),
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
 * One run with its inputs, rules and result.
 * @returns undefined when there is no such run
 */
export async function findRun(db: Database | Queryable, id: number): Promise<RunDetail | undefined> {
  const row = await summaries(db)
    .select(['e.inputs', 'e.rules', 'e.result'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      ...toSummary(row),
      // runEvaluation stores the dataset it evaluated, the standard tables and core's result.
      inputs: row.inputs as CountyDataset,
      rules: row.rules as StandardSet,
      result: row.result as EvaluationResult,
    }
  );
}
