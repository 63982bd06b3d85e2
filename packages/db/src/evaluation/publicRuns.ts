/**
 * @module The public reads of published runs (no actor: published results are public): the
 * counties and years that have one, and the newest published run of a county, year and standard.
 */
import type { EvaluationResult, StandardKey } from '@junheng/core';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import type { PublishedRun } from './evaluationTypes.js';
import { summaries, toSummary } from './runRecords.js';

/**
 * Counties with published results, for the public page (no actor: published results are public).
 * @param db the database or a transaction handle
 * @returns each county with the years it has a published run for, newest year first; counties by code
 */
export async function listPublishedCounties(
  db: Database | Queryable,
): Promise<{ code: string; name: string; years: number[] }[]> {
  const rows = await sqlOf(db)
    .selectFrom('evaluation_run as e')
    .innerJoin('region as g', 'g.code', 'e.county_code')
    .select(['e.county_code as code', 'g.name', 'e.year'])
    .distinct()
    .where('e.published_at', 'is not', null)
    .orderBy('e.county_code')
    .orderBy('e.year', 'desc')
    .execute();
  const out: { code: string; name: string; years: number[] }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last?.code === r.code) last.years.push(r.year);
    else out.push({ code: r.code, name: r.name, years: [r.year] });
  }
  return out;
}

/**
 * The newest published run of a county, year and standard, for the public (no actor). Without
 * who ran or published it: account names are not public.
 * @param db the database or a transaction handle
 * @returns the run with its result, or null when none is published
 */
export async function getPublishedRun(
  db: Database | Queryable,
  countyCode: string,
  year: number,
  standard: StandardKey,
): Promise<PublishedRun | null> {
  const row = await summaries(db)
    .select('e.result')
    .where('e.county_code', '=', countyCode)
    .where('e.year', '=', year)
    .where('e.standard', '=', standard)
    .where('e.published_at', 'is not', null)
    .orderBy('e.published_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1)
    .$narrowType<{ published_at: Date }>()
    .executeTakeFirst();
  if (!row) return null;
  const { createdBy: _c, createdByName: _cn, publishedByName: _pn, ...summary } = toSummary(row);
  // runEvaluation stores core's result.
  return { ...summary, publishedAt: row.published_at, result: row.result as EvaluationResult };
}
