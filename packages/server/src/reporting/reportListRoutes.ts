/**
 * @module 数据填报 review queue: the reports of a year the user may see, 未填报 included.
 */
import { listReports } from '@junheng/db';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
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
    async (req) => {
      const auth = requireAuth(req);
      return listReports(ctx.db, auth.actor, req.query as Parameters<typeof listReports>[2]);
    },
  );
}
