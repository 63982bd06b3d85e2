/**
 * @module A school against the standards, on the county's data as it is now: its figures in each
 * difference coefficient and its 优质均衡 school indicators, and its plan (一校一策) per 学段.
 */
import { type EvaluationResult, STATUS_NAMES } from '@junheng/core';
import { getSchool } from '@junheng/db';
import { requireAuth } from '../accounts/session.js';
import { liveCountyResult } from '../evaluation/liveResult.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { planQuery, schoolEvaluation, schoolParams, schoolPlan, tags, yearQuery } from './schema.js';

/** The school's own lines of the county's result: nothing of other schools leaves the server. */
function schoolLines(result: EvaluationResult, id: string) {
  const quality = (result.quality?.schools ?? []).filter((s) => s.schoolId === id);
  const standards = [
    ['basic', result.basic?.stages ?? []],
    ['quality', result.quality?.stages ?? []],
  ] as const;
  const coefficients = standards.flatMap(([standard, stages]) =>
    stages.flatMap((st) =>
      st.coefficients.map((c) => ({
        standard,
        stage: c.stage,
        indicator: c.indicator,
        name: c.name,
        unit: c.unit,
        value: c.schools.find((s) => s.id === id)?.value ?? null,
        countyMean: c.mean,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      })),
    ),
  );
  const excluded = result.excluded.filter((e) => e.schoolId === id);
  const issues = result.issues.filter((i) => i.schoolId === id);
  return { quality, coefficients: coefficients.filter((c) => c.value !== null), excluded, issues };
}

/** The plan of each 学段 (or the one asked for): what is missing and its estimated cost. */
function planStages(result: EvaluationResult, id: string, stage: string | undefined) {
  return schoolLines(result, id)
    .quality.filter((c) => !stage || c.stage === stage)
    .map((c) => ({
      stage: c.stage,
      status: c.status,
      statusName: STATUS_NAMES[c.status],
      reason: c.reason,
      metCount: c.metCount,
      indicators: c.indicators,
      plan: c.plan,
      estimatedCost: c.plan.reduce((sum, p) => sum + p.estimatedCost, 0),
    }));
}

export function schoolEvaluationRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/schools/:id/evaluation',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '本校各项指标对照标准：优质均衡校际指标与缺口、在差异系数中的本校数值',
        params: schoolParams,
        querystring: yearQuery,
        response: {
          200: schoolEvaluation,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      const s = await getSchool(ctx.db, auth.actor, req.params.id, req.query.year);
      const result = await liveCountyResult(ctx.db, s.countyCode, req.query.year);
      return {
        source: 'live' as const,
        schoolId: s.id,
        year: req.query.year,
        ...schoolLines(result, s.id),
        statusNames: STATUS_NAMES,
      };
    },
  );

  app.get(
    '/schools/:id/plan',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '一校一策：每个学段缺什么、达标所需的最少补充及估算费用',
        params: schoolParams,
        querystring: planQuery,
        response: {
          200: schoolPlan,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      const s = await getSchool(ctx.db, auth.actor, req.params.id, req.query.year);
      const result = await liveCountyResult(ctx.db, s.countyCode, req.query.year);
      const stages = planStages(result, s.id, req.query.stage);
      return { schoolId: s.id, name: s.name, year: req.query.year, stages };
    },
  );
}
