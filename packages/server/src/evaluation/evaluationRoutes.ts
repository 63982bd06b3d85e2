/**
 * @module 督导评估: run an evaluation of a county and year (stored with its exact inputs), list and
 * read runs, publish one (immutable from then on; the county's approved reports are locked), and
 * download its Excel and Word reports (every download audited, evaluationReportRoutes.ts).
 * schema.ts holds the routes' schemas.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses, pageOf } from '../platform/schemas.js';
import { evaluationReportRoutes } from './evaluationReportRoutes.js';
import { evaluateCounty, publishRun } from './runCommands.js';
import { listRunsMarkedStale, readRun } from './runQueries.js';
import { evaluationBody, publishedRun, runDetail, runId, runListQuery, runSummary, tags } from './schema.js';

/** The runs, then their downloads (the order of the API contract). */
export function evaluationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    evaluationRunRoutes(app, ctx);
    evaluationReportRoutes(app, ctx);
  };
}

/** A new run; the runs (with which are stale); one run with its freshness; publishing one. */
function evaluationRunRoutes(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/evaluations',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '评估一个县的一个学年（结果连同所用数据一并保存）',
        body: evaluationBody,
        response: { 200: z.object({ runs: z.array(runSummary) }), ...errorResponses },
      },
    },
    async (req) => ({
      runs: await evaluateCounty(commandContext(ctx, req), { ...req.body, engineVersion: ctx.version }),
    }),
  );

  app.get(
    '/evaluations',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '评估记录（最新的在前）',
        querystring: runListQuery,
        response: { 200: pageOf(runSummary), ...errorResponses },
      },
    },
    async (req) => listRunsMarkedStale(commandContext(ctx, req), req.query),
  );

  app.get(
    '/evaluations/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '一次评估：结果（docs/result-schema.md）及所用数据的摘要',
        params: runId,
        response: { 200: runDetail, ...errorResponses },
      },
    },
    async (req) => readRun(commandContext(ctx, req), { id: req.params.id }),
  );

  app.post(
    '/evaluations/:id/publish',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '发布（公示）：此后不可更改；本县本学年已通过的报表随之锁定',
        params: runId,
        response: { 200: publishedRun, ...errorResponses },
      },
    },
    async (req) => publishRun(commandContext(ctx, req), { id: req.params.id }),
  );
}
