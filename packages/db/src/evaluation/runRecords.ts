/**
 * @module What every evaluation-run module shares: the SQL of a run's summary and its shaping, the
 * policy resource of a run, the not-found messages, the dataset and its SHA-256, the actor's
 * account, and the checks of ids and years.
 */
import { createHash } from 'node:crypto';
import type { Actor, CountyDataset, Resource, StandardKey, Status } from '@junheng/core';
import { canonicalJson } from '../audit/audit.js';
import { AccessError } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { DatasetError, loadDataset } from '../schools/datasets.js';
import type { RunSummary } from './evaluationTypes.js';

export const STANDARD_NAMES: Record<StandardKey, string> = { basic: '基本均衡', quality: '优质均衡' };

export interface SummaryRow {
  id: number;
  county_code: string;
  county_name: string;
  year: number;
  standard: StandardKey;
  created_at: Date;
  created_by: number | null;
  created_by_name: string | null;
  published_at: Date | null;
  published_by_name: string | null;
  inputs_sha256: string;
  verdict: Status;
  engine_version: string;
}

// The verdict is read out of the stored result in SQL, so lists never load whole results.
export const SUMMARY_SELECT = `SELECT e.id, e.county_code, g.name AS county_name, e.year, e.standard, e.created_at,
       e.created_by, cu.display_name AS created_by_name, e.published_at, pu.display_name AS published_by_name,
       e.inputs_sha256, coalesce(e.result -> e.standard ->> 'status', e.result ->> 'status') AS verdict,
       e.engine_version
  FROM evaluation_run e
  JOIN region g ON g.code = e.county_code
  LEFT JOIN app_user cu ON cu.id = e.created_by
  LEFT JOIN app_user pu ON pu.id = e.published_by`;

export function toSummary(r: SummaryRow): RunSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    countyName: r.county_name,
    year: r.year,
    standard: r.standard,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    publishedAt: r.published_at,
    publishedByName: r.published_by_name,
    inputsSha256: r.inputs_sha256,
    verdict: r.verdict,
    engineVersion: r.engine_version,
  };
}

export function runResource(countyCode: string, published: boolean): Resource {
  return { kind: 'evaluationRun', regionCode: countyCode, published };
}

export const runNotFound = (id: unknown) => `没有找到编号为 ${String(id)} 的评估结果，或您无权查看该结果`;
export const countyNotFound = (code: string) => `没有找到县级行政区划 ${code}，或您无权访问该县的数据`;

export function inTransaction<T>(db: Database | Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db ? db.transaction(fn) : fn(db);
}

/** The SHA-256 of a dataset's canonical JSON: what inputs_sha256 holds. */
export function datasetSha256(ds: CountyDataset): string {
  return createHash('sha256').update(canonicalJson(ds), 'utf8').digest('hex');
}

/** The signed-in user's row; a deleted or disabled account writes nothing. */
export async function activeUser(tx: Queryable, actor: Actor): Promise<{ id: number; username: string }> {
  const id = /^[1-9][0-9]{0,15}$/.test(actor.id) ? Number(actor.id) : null;
  const { rows } =
    id === null
      ? { rows: [] }
      : await tx.query<{ id: number; username: string }>(
          'SELECT id, username FROM app_user WHERE id = $1 AND disabled_at IS NULL',
          [id],
        );
  if (!rows[0]) throw new AccessError('notAllowed', '账号不存在或已停用，请重新登录');
  return rows[0];
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
  const { rows } = await q.query<SummaryRow>(
    `${SUMMARY_SELECT} WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
    [ids],
  );
  return rows.map(toSummary);
}
