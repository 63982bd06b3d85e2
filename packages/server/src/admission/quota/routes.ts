/**
 * @module 指标到校: the county's junior schools with graduates (estimated from 初中在校生数 ÷ 3 for
 * the bureau to confirm), a live preview of the allocation (core allocateQuota: largest remainder,
 * rural tilt, minimum per school), saved allocations with versions, and the calculation as .xlsx.
 * Access and rules: commands.ts (SQL: packages/db/src/admission/quota/quotaRecords.ts).
 *
 * The route group registered in one place (platform/routes.ts); each file registers the routes of
 * what it does, in this order, which is also the order of the API contract (openapi.json):
 * quotaInputRoutes.ts, quotaPlanRoutes.ts, quotaExportRoutes.ts; schema.ts holds their schemas.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { quotaExportRoutes } from './quotaExportRoutes.js';
import { quotaInputRoutes } from './quotaInputRoutes.js';
import { quotaPlanRoutes } from './quotaPlanRoutes.js';

export function quotaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    quotaInputRoutes(app, ctx);
    quotaPlanRoutes(app, ctx);
    quotaExportRoutes(app, ctx);
  };
}
