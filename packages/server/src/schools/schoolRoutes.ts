/**
 * @module 学校列表、学校详情、一校一策. A school's figures against each threshold are computed from
 * the county's data as it is now (the engine takes milliseconds for a county), so a school sees the
 * effect of a saved correction at once (liveResult.ts recomputes it when the data changed); only the
 * school's own lines leave the server (schoolEvaluationRoutes.ts). schema.ts holds the routes'
 * schemas.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses, pageOf } from '../platform/schemas.js';
import {
  schoolChangesBody,
  schoolDetail,
  schoolListItem,
  schoolListQuery,
  schoolParams,
  schoolRegister,
  tags,
  yearQuery,
} from './schema.js';
import { getSchool, listSchools, updateSchool } from './schoolCommands.js';
import { schoolEvaluationRoutes } from './schoolEvaluationRoutes.js';

/** The register's routes, then a school's evaluation and plan (the order of the API contract). */
export function schoolRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    schoolRegisterRoutes(app, ctx);
    schoolEvaluationRoutes(app, ctx);
  };
}

/** The list, one school, and the bureau's changes of its register entry and status. */
function schoolRegisterRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/schools',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '学校列表（只含当前用户可见的学校）',
        querystring: schoolListQuery,
        response: { 200: pageOf(schoolListItem), ...errorResponses },
      },
    },
    // The list carries the Chinese names of type and 城乡类型 (present.ts).
    async (req) => listSchools(commandContext(ctx, req), req.query as Parameters<typeof listSchools>[1]),
  );

  app.get(
    '/schools/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '学校详情：基本信息、各学段报表状态、状态变更历史',
        params: schoolParams,
        querystring: yearQuery,
        response: { 200: schoolDetail, ...errorResponses },
      },
    },
    async (req) => getSchool(commandContext(ctx, req), { id: req.params.id, year: req.query.year }),
  );

  app.patch(
    '/schools/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          '学校登记信息与办学状态（县教育局）：更名、地址、城乡类型、位置、启用学年；撤并、停办、恢复办学（需生效日期和原因）',
        params: schoolParams,
        body: schoolChangesBody,
        response: { 200: schoolRegister, ...errorResponses },
      },
    },
    async (req) => updateSchool(commandContext(ctx, req), { id: req.params.id, change: req.body }),
  );
}
