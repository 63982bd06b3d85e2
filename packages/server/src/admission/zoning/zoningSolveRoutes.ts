/**
 * @module 划片 (zoning) solving and evaluating: the optimal zoning of a county's stage (HiGHS in a
 * worker thread, so the event loop stays free) and the figures of a hand-adjusted assignment.
 *
 * Decisions:
 * - One solve per county at a time, and at most two in the whole server (the machine has few cores
 *   and a solve can take its whole time limit): a second request is refused with 409 and a message
 *   to wait, rather than queued behind a request whose browser may be gone.
 * - Solving writes nothing, but it is the bureau's work tool: it needs edit rights on the county's
 *   admission plans (inspectors and the city read plans, they do not run the solver).
 * - The web page evaluates hand adjustments in the browser (core evaluateZoning, instant); the
 *   evaluate route gives the same figures to other clients.
 */
import { compareZonings, evaluateZoning, ZoningInputError, ZoningSolveError } from '@junheng/core';
import { buildZoningProblem, requireAllowed } from '@junheng/db';
import { solveZoning } from '@junheng/io';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { ApiError } from '../../platform/errors.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses, stage, year } from '../../platform/schemas.js';
import { assignment, comparison, evaluation, solverInfo } from './schema.js';
import { countyOf, countyQuery, tags } from './zoningRouteKit.js';

/** core's input errors (bad ids, coordinates) as 400 with their Chinese message. */
function coreError(e: unknown): never {
  if (e instanceof ZoningInputError) throw new ApiError(400, 'invalidRequest', e.message);
  if (e instanceof ZoningSolveError) throw new ApiError(422, 'solveFailed', e.message);
  throw e;
}

export function zoningSolveRoutes(app: RouteApp, ctx: AppContext): void {
  solveRoute(app, ctx);
  evaluateRoute(app, ctx);
}

/** POST /zoning/solve: the optimal zoning of a stage, one solve per county and two per server at a time. */
function solveRoute(app: RouteApp, ctx: AppContext): void {
  /** Solves running now: county code → who started it and when. */
  const solving = new Map<string, { by: string; since: Date }>();
  const MAX_SOLVES = 2;

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
      requireAllowed(
        auth.actor,
        'edit',
        { kind: 'admissionPlan', regionCode: county.code },
        '没有找到该县的划片数据',
      );
      const running = solving.get(county.code);
      if (running) {
        throw new ApiError(
          409,
          'conflict',
          `本县的划片正在求解中（${running.by} 于 ${running.since.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 开始）：请等待求解完成后再试`,
        );
      }
      if (solving.size >= MAX_SOLVES) {
        throw new ApiError(409, 'conflict', '服务器正在进行其他划片求解：请稍候一分钟再试');
      }
      const { year: y, stage: st, timeLimitSeconds } = req.body;
      // Taken before any await, so two requests arriving together cannot both pass the check.
      solving.set(county.code, { by: auth.user.displayName, since: ctx.now() });
      try {
        const built = await buildZoningProblem(ctx.db, auth.actor, county.code, y, st);
        if (built.problem.areas.length === 0) {
          throw new ApiError(
            409,
            'wrongState',
            `${y}年还没有导入小区/村：请先点击“导入小区/村”上传 GeoJSON 地图或 Excel 表，再求解`,
          );
        }
        const current = Object.keys(built.current).length > 0 ? built.current : undefined;
        const solution = await solveZoning(built.problem, {
          timeLimitSeconds,
          ...(current ? { current } : {}),
        }).catch(coreError);
        return {
          ...solution,
          current: solution.current ?? null,
          unlocated: built.unlocated,
          currentDropped: built.currentDropped,
        };
      } finally {
        solving.delete(county.code);
      }
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
      const auth = requireAuth(req);
      const county = await countyOf(ctx, auth.actor, req.query.countyCode);
      const built = await buildZoningProblem(ctx.db, auth.actor, county.code, req.body.year, req.body.stage);
      try {
        const ev = evaluateZoning(built.problem, req.body.assignment);
        if (Object.keys(built.current).length === 0) return { evaluation: ev, current: null };
        const cur = evaluateZoning(built.problem, built.current);
        return { evaluation: ev, current: { evaluation: cur, comparison: compareZonings(cur, ev) } };
      } catch (e) {
        return coreError(e);
      }
    },
  );
}
