/**
 * @module 指标到校 saved allocations: the county's list of a year, a new one computed and saved, one
 * with its calculation, and a change of its parameters (recomputed; version checked).
 */
import { createQuota, getQuota, listQuotas, updateQuota } from '@junheng/db';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { resolveCounty } from '../../schools/county.js';
import { countyYearQuery, quotaBody, quotaChangesBody, quotaId, summary, tags, view } from './schema.js';

export function quotaPlanRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/quota',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '已保存的指标到校方案（最新的在前）',
        querystring: countyYearQuery,
        response: { 200: z.array(summary), ...errorResponses },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      const county = await resolveCounty(ctx.db, auth.actor, 'admissionPlan', req.query.countyCode);
      return listQuotas(ctx.db, auth.actor, county.code, req.query.year);
    },
  );

  app.post(
    '/quota',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '计算并保存指标到校方案（县教育局）',
        body: quotaBody,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      const county = await resolveCounty(ctx.db, auth.actor, 'admissionPlan', req.body.countyCode);
      return createQuota(ctx.db, auth.actor, { ...req.body, countyCode: county.code }, { ip: req.ip });
    },
  );

  app.get(
    '/quota/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '一个指标到校方案及其计算表',
        params: quotaId,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) => getQuota(ctx.db, requireAuth(req).actor, req.params.id),
  );

  app.put(
    '/quota/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '修改参数并重新计算（带回版本号，他人已修改时 409）',
        params: quotaId,
        body: quotaChangesBody,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) => {
      const { version, ...rest } = req.body;
      return updateQuota(
        ctx.db,
        requireAuth(req).actor,
        req.params.id,
        { ...rest, expectedVersion: version },
        { ip: req.ip },
      );
    },
  );
}
