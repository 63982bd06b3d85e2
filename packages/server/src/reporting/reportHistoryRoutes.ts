/**
 * @module 数据填报 history: a report's versions and the fields that changed between two of them.
 */
import { REPORT_STATUS_NAMES, reportField } from '@junheng/core';
import { listReportVersions } from '@junheng/db';
import { z } from 'zod';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { diffItem, diffQuery, reportKey, reportTags, versionSchema } from './schema.js';

type Version = Awaited<ReturnType<typeof listReportVersions>>[number];

/** The fields whose value differs between versions `from` and `to` (404 for a version not there). */
function changedFields(versions: Version[], from: number, to: number): z.infer<typeof diffItem>[] {
  const pick = (v: number) => {
    const found = versions.find((x) => x.version === v);
    if (!found) throw new ApiError(404, 'notFound', `这份报表没有第 ${v} 版（共 ${versions.length} 版）`);
    // Every version was saved through checkReportData (numbers, null for 未填).
    return found.data as Record<string, number | null>;
  };
  const before = pick(from);
  const after = pick(to);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => {
      const f = reportField(k);
      return {
        field: k,
        label: f?.label ?? k,
        unit: f?.unit ?? '',
        before: before[k] ?? null,
        after: after[k] ?? null,
      };
    });
}

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
    async (req) => {
      const auth = requireAuth(req);
      const versions = await listReportVersions(ctx.db, auth.actor, req.params);
      return versions.map((v) => ({
        version: v.version,
        status: v.status,
        statusName: REPORT_STATUS_NAMES[v.status as keyof typeof REPORT_STATUS_NAMES] ?? v.status,
        actorName: v.actorName,
        at: v.at,
        reviewComments: v.reviewComments,
      }));
    },
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
    async (req) => {
      const auth = requireAuth(req);
      const versions = await listReportVersions(ctx.db, auth.actor, req.params);
      return changedFields(versions, req.query.from, req.query.to);
    },
  );
}
