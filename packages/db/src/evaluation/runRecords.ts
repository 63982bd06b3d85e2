/**
 * @module What every evaluation-run module shares: the SQL of a run's summary and its shaping, the
 * policy resource of a run, the not-found messages, the dataset and its SHA-256, the actor's
 * account, and the checks of ids and years.
 */
import { createHash } from 'node:crypto';
import type { CountyDataset, Resource, StandardKey, Status } from '@junheng/core';
import { sql } from 'kysely';
import { canonicalJson } from '../audit/audit.js';
import { AccessError } from '../platform/access.js';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { DatasetError, loadDataset } from '../schools/datasets.js';
import type { RunSummary } from './evaluationTypes.js';

export const STANDARD_NAMES: Record<StandardKey, string> = { basic: '基本均衡', quality: '优质均衡' };

/** A run's verdict for its standard, read out of the stored result (lists never load whole results). */
export const runVerdict = sql<string>`coalesce(${sql.ref('e.result')} -> ${sql.ref('e.standard')} ->> 'status', ${sql.ref('e.result')} ->> 'status')`;

/** The select of run summaries (`e` the run), with the county's and the users' names. */
export function summaries(db: Queryable) {
  return sqlOf(db)
    .selectFrom('evaluation_run as e')
    .innerJoin('region as g', 'g.code', 'e.county_code')
    .leftJoin('app_user as cu', 'cu.id', 'e.created_by')
    .leftJoin('app_user as pu', 'pu.id', 'e.published_by')
    .select([
      'e.id',
      'e.county_code',
      'g.name as county_name',
      'e.year',
      'e.standard',
      'e.created_at',
      'e.created_by',
      'cu.display_name as created_by_name',
      'e.published_at',
      'pu.display_name as published_by_name',
      'e.inputs_sha256',
      runVerdict.as('verdict'),
      'e.engine_version',
    ]);
}

/** A run summary's row. */
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

export function toSummary(r: SummaryRow): RunSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    countyName: r.county_name,
    year: r.year,
    // The schema's CHECK admits exactly core's standard keys.
    standard: r.standard as StandardKey,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    publishedAt: r.published_at,
    publishedByName: r.published_by_name,
    inputsSha256: r.inputs_sha256,
    // The status of core's EvaluationResult, which runEvaluation stores.
    verdict: r.verdict as Status,
    engineVersion: r.engine_version,
  };
}

export function runResource(countyCode: string, published: boolean): Resource {
  return { kind: 'evaluationRun', regionCode: countyCode, published };
}

export const runNotFound = (id: unknown) => `没有找到编号为 ${String(id)} 的评估结果，或您无权查看该结果`;
export const countyNotFound = (code: string) => `没有找到县级行政区划 ${code}，或您无权访问该县的数据`;

/** The SHA-256 of a dataset's canonical JSON: what inputs_sha256 holds. */
export function datasetSha256(ds: CountyDataset): string {
  return createHash('sha256').update(canonicalJson(ds), 'utf8').digest('hex');
}

export function isRunId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 1;
}

export function isYear(year: unknown): year is number {
  return typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2100;
}

/** Loads the county's dataset; a county the database does not have is notFound. */
export async function loadCounty(tx: Queryable, countyCode: string, year: number): Promise<CountyDataset> {
  try {
    return await loadDataset(tx, countyCode, year);
  } catch (err) {
    if (err instanceof DatasetError && err.code === 'countyNotFound') {
      throw new AccessError('notFound', countyNotFound(countyCode));
    }
    throw err;
  }
}

export async function summariesByIds(q: Queryable, ids: readonly number[]): Promise<RunSummary[]> {
  const rows = await summaries(q)
    .where((eb) => eb('e.id', '=', eb.fn.any(sql<number[]>`${ids}::bigint[]`)))
    .orderBy('e.id')
    .execute();
  return rows.map(toSummary);
}
