/**
 * @module A school against the standards, on the county's data as it is now: its figures in each
 * difference coefficient and its 优质均衡 school indicators, and its plan (一校一策) per 学段.
 */
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { planQuery, schoolEvaluation, schoolParams, schoolPlan, tags, yearQuery } from './schema.js';
import { readSchoolEvaluation, readSchoolPlan } from './schoolEvaluation.js';

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
    async (req) =>
      readSchoolEvaluation(commandContext(ctx, req), { id: req.params.id, year: req.query.year }),
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
    async (req) =>
      readSchoolPlan(commandContext(ctx, req), {
        id: req.params.id,
        year: req.query.year,
        stage: req.query.stage,
      }),
  );
}
