/**
 * @module 划片 (zoning) solving and evaluating: the optimal zoning of a county's stage (commands/
 * solveCommand.ts: one solve per county, two per server at a time) and the figures of a
 * hand-adjusted assignment. The web page evaluates hand adjustments in the browser (core
 * evaluateZoning, instant); the evaluate route gives the same figures to other clients.
 */
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses, stage, year } from '../../platform/schemas.js';
import { createSolveGuard, evaluateZoningAssignment, solveCountyZoning } from './commands/index.js';
import { assignment, comparison, evaluation, solverInfo } from './schema.js';
import { countyOf, countyQuery, tags } from './zoningRouteKit.js';

export function zoningSolveRoutes(app: RouteApp, ctx: AppContext): void {
  solveRoute(app, ctx);
  evaluateRoute(app, ctx);
}

/** POST /zoning/solve: the optimal zoning of a stage, one solve per county and two per server at a time. */
function solveRoute(app: RouteApp, ctx: AppContext): void {
  /** Solves running now in this server: county code → who started it and when. */
  const solving = createSolveGuard(2);

  app.post(
    '/zoning/solve',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '求解最优划片（HiGHS 整数规划，在工作线程中运行）：按人数加权的直线距离最小，且不超过学位数',
        querystring: countyQuery,
        body: z.object({
          year,
          stage,
          timeLimitSeconds: z.number().min(1).max(120).default(20).describe('求解时间上限（秒），默认 20'),
        }),
        response: {
          200: z.object({
            stage,
            assignment: z.record(z.string(), z.string()),
            evaluation,
            solver: solverInfo,
            greedyObjective: z.number(),
            current: z.object({ evaluation, comparison }).nullable(),
            unlocated: z
              .array(z.object({ schoolId: z.string(), name: z.string() }))
              .describe('缺少坐标、未参加划片的学校'),
            currentDropped: z.array(z.object({ areaId: z.string(), schoolId: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      const county = await countyOf(ctx, auth.actor, req.query.countyCode);
      const { year: y, stage: st, timeLimitSeconds } = req.body;
      return solveCountyZoning(
        commandContext(ctx, req),
        { countyCode: county.code, year: y, stage: st, timeLimitSeconds, by: auth.user.displayName },
        solving,
      );
    },
  );
}

/** POST /zoning/evaluate: the figures of an assignment, and of the current zones to compare with. */
function evaluateRoute(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/zoning/evaluate',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '评价一个（手动调整的）划片方案：各校满额率、距离，及与现行划片的对比',
        querystring: countyQuery,
        body: z.object({ year, stage, assignment }),
        response: {
          200: z.object({ evaluation, current: z.object({ evaluation, comparison }).nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const county = await countyOf(ctx, requireAuth(req).actor, req.query.countyCode);
      const { year: y, stage: st, assignment: a } = req.body;
      return evaluateZoningAssignment(commandContext(ctx, req), {
        countyCode: county.code,
        year: y,
        stage: st,
        assignment: a,
      });
    },
  );
}
