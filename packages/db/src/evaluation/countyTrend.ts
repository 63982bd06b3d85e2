/**
 * @module A county's difference coefficients over the years, for the dashboard's trend: the newest
 * (published, when the actor may see only those) run of each year and standard, read out of the
 * stored results in SQL.
 */
import {
  type Actor,
  explain,
  type IndicatorId,
  type Stage,
  type StandardKey,
  type Status,
} from '@junheng/core';
import { AccessError } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import type { TrendCoefficient, TrendPoint } from './evaluationTypes.js';
import { countyNotFound, runResource } from './runRecords.js';

interface StageJson {
  stage: Stage;
  coefficients: {
    indicator: IndicatorId;
    name: string;
    cv: number | null;
    threshold: number | null;
    status: Status;
  }[];
  composite?: { value: number | null; threshold: number; status: Status };
}

function trendCoefficients(standard: StandardKey, stages: readonly StageJson[] | null): TrendCoefficient[] {
  const out: TrendCoefficient[] = [];
  for (const s of stages ?? []) {
    for (const c of s.coefficients) {
      out.push({
        stage: s.stage,
        indicator: c.indicator,
        name: c.name,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      });
    }
    // 基本均衡 judges each stage by its composite coefficient: the figure a trend most needs.
    if (standard === 'basic' && s.composite) {
      out.push({
        stage: s.stage,
        indicator: 'composite',
        name: '综合差异系数',
        cv: s.composite.value,
        threshold: s.composite.threshold,
        status: s.composite.status,
      });
    }
  }
  return out;
}

/**
 * A county's difference coefficients over the years: for each year and standard, the newest
 * published run, or the newest run when none is published. Actors who may see only published runs
 * (by the policy) get only published ones.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param countyCode the county
 * @returns oldest year first, basic before quality
 * @throws AccessError notFound when the county does not exist or the actor may not view it
 */
export async function countyTrend(
  db: Database | Queryable,
  actor: Actor,
  countyCode: string,
): Promise<TrendPoint[]> {
  const all = explain(actor, 'view', runResource(countyCode, false));
  const onlyPublished = !all.allowed && explain(actor, 'view', runResource(countyCode, true)).allowed;
  if (!all.allowed && !onlyPublished) {
    throw new AccessError('notFound', countyNotFound(countyCode), undefined, all.rule);
  }
  const county = await db.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [
    countyCode,
    'county',
  ]);
  if (county.rows.length === 0) throw new AccessError('notFound', countyNotFound(countyCode));
  const { rows } = await db.query<{
    id: number;
    year: number;
    standard: StandardKey;
    published: boolean;
    verdict: Status;
    stages: StageJson[] | null;
    schools: { total: number; met: number; unmet: number; incomplete: number };
  }>(
    `SELECT DISTINCT ON (e.year, e.standard) e.id, e.year, e.standard, e.published_at IS NOT NULL AS published,
            coalesce(e.result -> e.standard ->> 'status', e.result ->> 'status') AS verdict,
            e.result -> e.standard -> 'stages' AS stages,
            (SELECT jsonb_build_object(
                      'total', count(*),
                      'met', count(*) FILTER (WHERE s ->> 'status' = 'met'),
                      'unmet', count(*) FILTER (WHERE s ->> 'status' = 'unmet'),
                      'incomplete', count(*) FILTER (WHERE s ->> 'status' = 'incomplete'))
               FROM jsonb_array_elements(
                      CASE WHEN e.standard = 'quality'
                            AND jsonb_typeof(e.result -> 'quality' -> 'schools') = 'array'
                           THEN e.result -> 'quality' -> 'schools' ELSE '[]'::jsonb END) s) AS schools
       FROM evaluation_run e
      WHERE e.county_code = $1 ${onlyPublished ? 'AND e.published_at IS NOT NULL' : ''}
      ORDER BY e.year, e.standard, (e.published_at IS NOT NULL) DESC, e.id DESC`,
    [countyCode],
  );
  return rows.map((r) => ({
    year: r.year,
    standard: r.standard,
    runId: r.id,
    published: r.published,
    verdict: r.verdict,
    coefficients: trendCoefficients(r.standard, r.stages),
    schools: r.schools.total > 0 ? r.schools : null,
  }));
}
