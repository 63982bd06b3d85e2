/**
 * @module 划片 (zoning) plan routes: the county's plans of a year, one plan with its evaluation, and
 * saving (create, update with a version check) and publishing (公示) a draft.
 */
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { countyCode, errorResponses, stage, year } from '../../platform/schemas.js';
import {
  createZoningPlan,
  getZoningPlan,
  listZoningPlans,
  publishZoningPlan,
  updateZoningPlan,
} from './commands/index.js';
import { assignment, planSummary, planView, solverInfo } from './schema.js';
import { countyOf, countyQuery, idParams, tags } from './zoningRouteKit.js';

/** What a save brings, new or changed. */
const planBody = {
  title: z.string().min(1).max(100),
  source: z.enum(['solver', 'hand', 'current']).describe('solver 求解，hand 手动调整，current 现行划片'),
  assignment,
  solver: solverInfo.nullable().optional().describe('求解器信息（来自 /zoning/solve，原样带回）'),
};

export function zoningPlanRoutes(app: RouteApp, ctx: AppContext): void {
  planListRoutes(app, ctx);
  planRoutes(app, ctx);
}

/** /zoning/plans: the county's plans of a year; a new draft. */
function planListRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/zoning/plans',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '本县某年的划片方案列表（新的在前）',
        querystring: z.object({ year, stage: stage.optional(), countyCode: countyCode.optional() }),
        response: { 200: z.array(planSummary), ...errorResponses },
      },
    },
    async (req) => {
      const county = await countyOf(ctx, requireAuth(req).actor, req.query.countyCode);
      const { year: y, stage: st } = req.query;
      return listZoningPlans(commandContext(ctx, req), { countyCode: county.code, year: y, stage: st });
    },
  );

  app.post(
    '/zoning/plans',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '保存新的划片方案（草稿）',
        querystring: countyQuery,
        body: z.object({ year, stage, ...planBody }),
        response: { 200: planView, ...errorResponses },
      },
    },
    async (req) => {
      const county = await countyOf(ctx, requireAuth(req).actor, req.query.countyCode);
      const { year: y, stage: st, title, source, assignment: a, solver } = req.body;
      return createZoningPlan(commandContext(ctx, req), {
        countyCode: county.code,
        year: y,
        stage: st,
        title,
        source,
        assignment: a,
        solver: solver ?? null,
      });
    },
  );
}

/** /zoning/plans/:id: one plan; a changed draft; publishing it. */
function planRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/zoning/plans/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '一个划片方案：分配、所用的小区/村和学校、评价、与现行划片的对比',
        params: idParams,
        response: { 200: planView, ...errorResponses },
      },
    },
    async (req) => getZoningPlan(commandContext(ctx, req), { id: req.params.id }),
  );

  app.put(
    '/zoning/plans/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '修改划片方案（草稿）；version 不是最新时 409',
        params: idParams,
        body: z.object({ ...planBody, version: z.number().int().min(1) }),
        response: { 200: planView, ...errorResponses },
      },
    },
    async (req) => {
      const { title, source, assignment: a, solver, version } = req.body;
      return updateZoningPlan(commandContext(ctx, req), {
        id: req.params.id,
        title,
        source,
        assignment: a,
        ...(solver !== undefined ? { solver } : {}),
        expectedVersion: version,
      });
    },
  );

  app.post(
    '/zoning/plans/:id/publish',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '发布（公示）划片方案：对公众公开；同县同年同学段之前公示的方案改为“已被取代”',
        params: idParams,
        body: z.object({ version: z.number().int().min(1) }),
        response: { 200: planView, ...errorResponses },
      },
    },
    async (req) =>
      publishZoningPlan(commandContext(ctx, req), { id: req.params.id, expectedVersion: req.body.version }),
  );
}
