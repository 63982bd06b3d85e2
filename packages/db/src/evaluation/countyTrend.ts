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
import { sql } from 'kysely';
import { AccessError } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import type { TrendCoefficient, TrendPoint } from './evaluationTypes.js';
import { countyNotFound, runResource, runVerdict } from './runRecords.js';

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

/** 优质均衡's school stages of a run (`e`), as jsonb elements; none for other runs. */
const qualitySchools = sql<unknown>`jsonb_array_elements(
  CASE WHEN ${sql.ref('e.standard')} = 'quality'
        AND jsonb_typeof(${sql.ref('e.result')} -> 'quality' -> 'schools') = 'array'
       THEN ${sql.ref('e.result')} -> 'quality' -> 'schools' ELSE '[]'::jsonb END)`;

/** The jsonb `{total, met, unmet, incomplete}` of a run's 优质均衡 school stages (all 0 when none). */
function schoolCounts(db: Queryable) {
  return sqlOf(db)
    .selectFrom(qualitySchools.as('s'))
    .select((eb) => {
      const withStatus = (status: string) =>
        eb.fn.countAll().filterWhere(sql`${sql.ref('s')} ->> 'status'`, '=', sql.lit(status));
      return eb
        .fn<{ total: number; met: number; unmet: number; incomplete: number }>('jsonb_build_object', [
          sql.lit('total'),
          eb.fn.countAll(),
          sql.lit('met'),
          withStatus('met'),
          sql.lit('unmet'),
          withStatus('unmet'),
          sql.lit('incomplete'),
          withStatus('incomplete'),
        ])
        .as('schools');
    })
    .$asScalar();
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
  const q = sqlOf(db);
  const county = await q
    .selectFrom('region')
    .select('code')
    .where('code', '=', countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AccessError('notFound', countyNotFound(countyCode));
  const rows = await q
    .selectFrom('evaluation_run as e')
    .distinctOn(['e.year', 'e.standard'])
    .select((eb) => [
      'e.id',
      'e.year',
      'e.standard',
      // A boolean on PostgreSQL (kysely's SqlBool also admits MySQL's 0 and 1).
      eb('e.published_at', 'is not', null).$castTo<boolean>().as('published'),
      runVerdict.as('verdict'),
      sql<unknown>`${sql.ref('e.result')} -> ${sql.ref('e.standard')} -> 'stages'`.as('stages'),
      schoolCounts(db).as('schools'),
    ])
    .where('e.county_code', '=', countyCode)
    .$if(onlyPublished, (qb) => qb.where('e.published_at', 'is not', null))
    .orderBy('e.year')
    .orderBy('e.standard')
    .orderBy((eb) => eb('e.published_at', 'is not', null), 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  return rows.map((r) => {
    // The schema's CHECK admits exactly core's standard keys.
    const standard = r.standard as StandardKey;
    return {
      year: r.year,
      standard,
      runId: r.id,
      published: r.published,
      // The status and stages of core's EvaluationResult, which runEvaluation stores.
      verdict: r.verdict as Status,
      coefficients: trendCoefficients(standard, r.stages as StageJson[] | null),
      schools: r.schools.total > 0 ? r.schools : null,
    };
  });
}
