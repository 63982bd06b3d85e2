/**
 * @module 数据填报与审核: one school's report of a year and 学段 — read, save draft, the workflow
 * actions, its versions and the diff between two of them, and the review queue.
 * Policy, workflow and version checks happen in @junheng/db's report commands (one transaction
 * each, audited); the routes validate the request, check the data (core checkReportData) and shape
 * the answer.
 *
 * The route group registered in one place (platform/routes.ts); each file registers the routes of
 * what it does, in this order, which is also the order of the API contract (openapi.json):
 * reportListRoutes.ts, reportFormRoutes.ts, reportWorkflowRoutes.ts, reportHistoryRoutes.ts;
 * reportKit.ts holds what they share and schema.ts their schemas. POST /reports/batch (many reports
 * at once) is its own group: reportBatchRoutes.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.js';
import { reportFormRoutes } from './reportFormRoutes.js';
import { reportHistoryRoutes } from './reportHistoryRoutes.js';
import { reportListRoutes } from './reportListRoutes.js';
import { reportWorkflowRoutes } from './reportWorkflowRoutes.js';

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    reportListRoutes(app, ctx);
    reportFormRoutes(app, ctx);
    reportWorkflowRoutes(app, ctx);
    reportHistoryRoutes(app, ctx);
  };
}
