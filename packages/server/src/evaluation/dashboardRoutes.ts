/**
 * @module 首页: the county at a glance — verdicts of both standards on the data as it is now, each
 * difference coefficient against its threshold, schools meeting the 优质均衡 school indicators,
 * reports by workflow status, the latest and the published run, and the trend over years.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { countyCode, errorResponses, reportStatusOrMissing, year } from '../platform/schemas.js';
import { countyDashboard } from './dashboard.js';
import { coefficientRow, runSummary, trendPoint, verdict } from './schema.js';

export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dashboard',
      {
        config: { access: 'signedIn' },
        schema: {
          tags: ['首页'],
          summary: '县域概况：两项标准的结论、差异系数对照阈值、学校达标情况、报表进度、历年趋势',
          querystring: z.object({ year, countyCode: countyCode.optional() }),
          response: {
            200: z.object({
              county: z.object({ code: z.string(), name: z.string() }),
              year: z.number(),
              verdicts: z.object({ basic: verdict.nullable(), quality: verdict.nullable() }),
              coefficients: z.array(coefficientRow),
              schools: z.object({
                total: z.number(),
                met: z.number(),
                unmet: z.number(),
                incomplete: z.number(),
              }),
              reports: z
                .record(reportStatusOrMissing, z.number())
                .describe('本学年各状态的报表数；missing = 尚未填报的学校学段'),
              trend: z.array(trendPoint),
              latestRun: runSummary.nullable(),
              publishedRun: runSummary.nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) =>
        countyDashboard(commandContext(ctx, req), { year: req.query.year, countyCode: req.query.countyCode }),
    );
  };
}
