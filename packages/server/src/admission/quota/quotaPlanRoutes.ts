/**
 * @module 指标到校 saved allocations: the county's list of a year, a new one computed and saved, one
 * with its calculation, and a change of its parameters (recomputed; version checked).
 */
import { z } from 'zod';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { createQuota, getQuota, listQuotas, updateQuota } from './commands.js';
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
    async (req) => listQuotas(commandContext(ctx, req), req.query),
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
    async (req) => createQuota(commandContext(ctx, req), req.body),
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
    async (req) => getQuota(commandContext(ctx, req), req.params),
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
      const { version, ...params } = req.body;
      return updateQuota(commandContext(ctx, req), {
        ...params,
        id: req.params.id,
        expectedVersion: version,
      });
    },
  );
}
