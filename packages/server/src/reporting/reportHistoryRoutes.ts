/**
 * @module 数据填报 history: a report's versions and the fields that changed between two of them.
 */
import { z } from 'zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { listReportVersions, reportVersionPair } from './commands/index.js';
import { presentDiff, presentVersions } from './present.js';
import { diffItem, diffQuery, reportKey, reportTags, versionSchema } from './schema.js';

export function reportHistoryRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/reports/:schoolId/:year/:stage/versions',
    {
      config: signedIn,
      schema: {
        tags: reportTags,
        summary: '报表的全部版本（最早的在前）',
        params: reportKey,
        response: { 200: z.array(versionSchema), ...errorResponses },
      },
    },
    async (req) => presentVersions(await listReportVersions(commandContext(ctx, req), req.params)),
  );

  app.get(
    '/reports/:schoolId/:year/:stage/diff',
    {
      config: signedIn,
      schema: {
        tags: reportTags,
        summary: '两个版本之间有变化的填报项',
        params: reportKey,
        querystring: diffQuery,
        response: { 200: z.array(diffItem), ...errorResponses },
      },
    },
    async (req) =>
      presentDiff(
        await reportVersionPair(commandContext(ctx, req), req.params, req.query.from, req.query.to),
      ),
  );
}
