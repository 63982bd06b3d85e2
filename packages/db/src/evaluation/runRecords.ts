/**
 * @module The evaluation runs' rows: the SQL of a run's summary and its typed row, the runs by id,
 * a new run, and the SHA-256 of a dataset (what a run's inputs_sha256 holds).
 */
import { createHash } from 'node:crypto';
import type { CountyDataset, StandardKey, Status } from '@junheng/core';
import { sql } from 'kysely';
import { canonicalJson } from '../audit/audit.js';
import { jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import type { RunSummary } from './evaluationTypes.js';

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

/** The SHA-256 of a dataset's canonical JSON: what inputs_sha256 holds. */
export function datasetSha256(ds: CountyDataset): string {
  return createHash('sha256').update(canonicalJson(ds), 'utf8').digest('hex');
}

/** The summaries of runs by id, in id order. */
export async function summariesByIds(q: Queryable, ids: readonly number[]): Promise<RunSummary[]> {
  const rows = await summaries(q)
    .where((eb) => eb('e.id', '=', eb.fn.any(sql<number[]>`${ids}::bigint[]`)))
    .orderBy('e.id')
    .execute();
  return rows.map(toSummary);
}

/** A run to store: the dataset read, its SHA-256, the standard tables used and core's result. */
export interface NewRun {
  countyCode: string;
  year: number;
  standard: StandardKey;
  inputs: CountyDataset;
  inputsSha256: string;
  rules: unknown;
  result: unknown;
  engineVersion: string;
  createdBy: number;
}

/** Stores a run. @returns its id */
export async function insertRun(tx: Queryable, run: NewRun): Promise<number> {
  const row = await sqlOf(tx)
    .insertInto('evaluation_run')
    .values({
      county_code: run.countyCode,
      year: run.year,
      standard: run.standard,
      inputs: jsonb(run.inputs),
      inputs_sha256: run.inputsSha256,
      rules: jsonb(run.rules),
      result: jsonb(run.result),
      engine_version: run.engineVersion,
      created_by: run.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
