/**
 * @module The public reads of published runs (no actor: published results are public): the
 * counties and years that have one, and the newest published run of a county, year and standard.
 */
import type { EvaluationResult, StandardKey } from '@junheng/core';
import type { Database, Queryable } from '../platform/database.js';
import type { PublishedRun } from './evaluationTypes.js';
import { SUMMARY_SELECT, type SummaryRow, toSummary } from './runRecords.js';

/**
 * Counties with published results, for the public page (no actor: published results are public).
 * @param db the database or a transaction handle
 * @returns each county with the years it has a published run for, newest year first; counties by code
 */
export async function listPublishedCounties(
  db: Database | Queryable,
): Promise<{ code: string; name: string; years: number[] }[]> {
  const { rows } = await db.query<{ code: string; name: string; year: number }>(
    `SELECT DISTINCT e.county_code AS code, g.name, e.year
       FROM evaluation_run e JOIN region g ON g.code = e.county_code
      WHERE e.published_at IS NOT NULL
      ORDER BY e.county_code, e.year DESC`,
  );
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
  const { rows } = await db.query<SummaryRow & { result: EvaluationResult }>(
    `${SUMMARY_SELECT.replace('SELECT e.id,', 'SELECT e.result, e.id,')}
      WHERE e.county_code = $1 AND e.year = $2 AND e.standard = $3 AND e.published_at IS NOT NULL
      ORDER BY e.published_at DESC, e.id DESC LIMIT 1`,
    [countyCode, year, standard],
  );
  const row = rows[0];
  if (!row) return null;
  const { createdBy: _c, createdByName: _cn, publishedByName: _pn, ...summary } = toSummary(row);
  return { ...summary, publishedAt: row.published_at!, result: row.result };
}
