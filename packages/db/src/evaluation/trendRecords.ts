/**
 * @module A county's runs over the years, for the dashboard's trend: the newest (published, when
 * the caller asks for only those) run of each year and standard, with its stages' coefficients and
 * its 优质均衡 school counts read out of the stored results in SQL. The server's countyTrend command
 * decides who may see which and shapes the points.
 */
import type { IndicatorId, Stage, StandardKey, Status } from '@junheng/core';
import { sql } from 'kysely';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { runVerdict } from './runRecords.js';

/** A stage of a stored result, as far as the trend reads it. */
export interface StageJson {
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

/** One year and standard of the trend, as stored. */
export interface TrendRow {
  year: number;
  standard: StandardKey;
  runId: number;
  published: boolean;
  verdict: Status;
  /** The stages of the result of the run's standard (null when it has none). */
  stages: StageJson[] | null;
  /** 优质均衡 school stages by result (total 0 for 基本均衡, or a run without school results). */
  schools: { total: number; met: number; unmet: number; incomplete: number };
}

/**
 * For each year and standard of a county: the newest published run, or the newest run when none is
 * published (only published runs when `onlyPublished`).
 * @returns oldest year first, basic before quality
 */
export async function trendRows(
  db: Database | Queryable,
  countyCode: string,
  onlyPublished: boolean,
): Promise<TrendRow[]> {
  const rows = await sqlOf(db)
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
  return rows.map((r) => ({
    year: r.year,
    // The schema's CHECK admits exactly core's standard keys.
    standard: r.standard as StandardKey,
    runId: r.id,
    published: r.published,
    // The status and stages of core's EvaluationResult, which runEvaluation stores.
    verdict: r.verdict as Status,
    stages: r.stages as StageJson[] | null,
    schools: r.schools,
  }));
}
