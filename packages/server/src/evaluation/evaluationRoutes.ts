/**
 * @module 督导评估: run an evaluation of a county and year (stored with its exact inputs), list and
 * read runs, publish one (immutable from then on; the county's approved reports are locked), and
 * download its Excel and Word reports (every download audited, evaluationReportRoutes.ts).
 * schema.ts holds the routes' schemas.
 */
import { citeResultSources } from '@junheng/core';
import { getRun, listRuns, publishRun, runEvaluation, runFreshness, staleRunIds } from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses, pageOf } from '../platform/schemas.js';
import { resolveCounty } from '../schools/county.js';
import { evaluationReportRoutes } from './evaluationReportRoutes.js';
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
    async (req) => {
      const auth = requireAuth(req);
      const county = await resolveCounty(ctx.db, auth.actor, 'evaluationRun', req.body.countyCode);
      const runs = await runEvaluation(ctx.db, auth.actor, {
        countyCode: county.code,
        year: req.body.year,
        standard: req.body.standard,
        engineVersion: ctx.version,
      });
      return { runs };
    },
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
    async (req) => {
      const auth = requireAuth(req);
      const list = await listRuns(ctx.db, auth.actor, req.query);
      const stale = await staleRunIds(ctx.db, list.items);
      return { ...list, items: list.items.map((r) => ({ ...r, stale: stale.has(r.id) })) };
    },
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
    async (req) => {
      const auth = requireAuth(req);
      const detail = await getRun(ctx.db, auth.actor, req.params.id);
      const freshness = await runFreshness(ctx.db, detail);
      const { inputs: _inputs, rules: _rules, ...run } = detail;
      // Shown on the result page: items cite their documents, not the tables' research tags.
      return { ...run, result: citeResultSources(run.result), freshness } as typeof run & {
        result: Record<string, unknown>;
        freshness: typeof freshness;
      };
    },
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
    async (req) => {
      const auth = requireAuth(req);
      return publishRun(ctx.db, auth.actor, req.params.id);
    },
  );
}
