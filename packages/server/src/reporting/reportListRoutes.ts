/**
 * @module 数据填报 review queue: the reports of a year the user may see, 未填报 included.
 */

import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { listReports, type ReportListQuery } from './commands/index.js';
import { reportList, reportListQuery, reportTags } from './schema.js';

export function reportListRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/reports',
    {
      config: signedIn,
      schema: {
        tags: reportTags,
        summary: '报表列表（审核队列）：只含当前用户可见的学校',
        querystring: reportListQuery,
        response: { 200: reportList, ...errorResponses },
      },
    },
    async (req) => listReports(commandContext(ctx, req), req.query as ReportListQuery),
  );
}
