/**
 * @module 数据填报 the form: one report read (a not-started one as an empty draft at version 0) and
 * its draft saved (version 0 creates it; the bureau's 代为填报 with its reason). The version is the
 * ETag.
 */

import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { readReportForm, saveReportForm } from './commands/index.js';
import { presentReport, presentReportForm } from './present.js';
import { draftBody, reportKey, reportSchema, reportTags } from './schema.js';

export function reportFormRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/reports/:schoolId/:year/:stage',
    {
      config: signedIn,
      schema: {
        tags: reportTags,
        summary: '读取一份报表（ETag 为版本号）',
        params: reportKey,
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = commandContext(ctx, req);
      const r = presentReportForm(c.actor, req.params, await readReportForm(c, req.params));
      reply.header('etag', `"v${r.version}"`);
      return r;
    },
  );

  app.put(
    '/reports/:schoolId/:year/:stage',
    {
      config: signedIn,
      schema: {
        tags: reportTags,
        summary:
          '保存草稿（version 为编辑时的版本；尚无报表时 version 为 0 即新建）；教育局代为填报时须给 proxyReason',
        params: reportKey,
        body: draftBody,
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = commandContext(ctx, req);
      const r = await saveReportForm(c, { ...req.params, ...req.body });
      reply.header('etag', `"v${r.version}"`);
      return presentReport(c.actor, r);
    },
  );
}
