/**
 * @module 数据填报 the form: one report read (a not-started one as an empty draft at version 0) and
 * its draft saved (version 0 creates it; the bureau's 代为填报 with its reason). The version is the
 * ETag.
 */
import { createReport, getReport, ReportError, type ReportKey, saveReportDraft } from '@junheng/db';
import type { z } from 'zod';
import { type AuthContext, requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { notStartedReport, rejectIssues, withActions, withConflictDetails } from './reportKit.js';
import { draftBody, reportKey, reportSchema, reportTags } from './schema.js';

/** The report, or — when nobody has started it and the user may — an empty draft at version 0. */
async function reportOrNotStarted(ctx: AppContext, auth: AuthContext, key: ReportKey) {
  try {
    return withActions(auth, await getReport(ctx.db, auth.actor, key));
  } catch (e) {
    if (!(e instanceof ReportError) || e.code !== 'notFound') throw e;
    const blank = await notStartedReport(ctx, auth, key);
    if (!blank) throw e;
    return blank;
  }
}

/**
 * The version a save is based on. Version 0 is 代为填报 of a report the school never started: the
 * bureau creates it (audited with the reason), then saves as it would into an existing one.
 */
async function baseVersion(
  ctx: AppContext,
  auth: AuthContext,
  key: ReportKey,
  body: z.infer<typeof draftBody>,
  ip: string,
): Promise<number> {
  if (body.version !== 0) return body.version;
  const proxyReason = body.proxyReason?.trim();
  const created = await createReport(
    ctx.db,
    auth.actor,
    { ...key, ip },
    proxyReason ? { action: 'proxySave', reason: proxyReason } : undefined,
  );
  if (created.version !== 1 || Object.keys(created.data).length > 0) {
    throw new ApiError(409, 'conflict', '这份报表已由他人创建并保存过：请刷新页面，在最新版本上修改', {
      currentVersion: created.version,
    });
  }
  return created.version;
}

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
      const r = await reportOrNotStarted(ctx, requireAuth(req), req.params);
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
      const auth = requireAuth(req);
      rejectIssues(req.body.data, false);
      const expectedVersion = await baseVersion(ctx, auth, req.params, req.body, req.ip);
      const r = await withConflictDetails(ctx, req.params, () =>
        saveReportDraft(ctx.db, auth.actor, {
          ...req.params,
          data: req.body.data,
          expectedVersion,
          proxyReason: req.body.proxyReason,
          ip: req.ip,
        }),
      );
      reply.header('etag', `"v${r.version}"`);
      return withActions(auth, r);
    },
  );
}
