/**
 * @module 首页: the county at a glance — verdicts of both standards on the data as it is now, each
 * difference coefficient against its threshold, schools meeting the 优质均衡 school indicators,
 * reports by workflow status, the latest and the published run, and the trend over years.
 */
import { coefficientSummary, STATUS_NAMES } from '@junheng/core';
import { listRuns, reportStatusCounts } from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { countyCode, errorResponses, reportStatusOrMissing, year } from '../platform/schemas.js';
import { resolveCounty } from '../schools/county.js';
import { liveCountyResult, liveCountyTrend, liveFingerprint } from './liveResult.js';
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
      async (req) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'countyInput', req.query.countyCode);
        const y = req.query.year;
        // The evaluation and the trend are recomputed only when their rows changed (liveResult.ts).
        const fingerprint = await liveFingerprint(ctx.db, county.code, y);
        const [result, reports, trend, runs] = await Promise.all([
          liveCountyResult(ctx.db, county.code, y, fingerprint),
          reportStatusCounts(ctx.db, auth.actor, { countyCode: county.code, year: y }),
          liveCountyTrend(ctx.db, auth.actor, county.code, fingerprint),
          listRuns(ctx.db, auth.actor, { countyCode: county.code, year: y, page: 1, pageSize: 50 }),
        ]);
        const verdictOf = (r: { status: keyof typeof STATUS_NAMES; reasons: string[] } | undefined) =>
          r ? { status: r.status, statusName: STATUS_NAMES[r.status], reasons: r.reasons } : null;
        const coefficients = [
          ...coefficientSummary(result, 'basic'),
          ...coefficientSummary(result, 'quality'),
        ];
        const schools = result.quality?.schools ?? [];
        const count = (s: string) => schools.filter((x) => x.status === s).length;
        return {
          county,
          year: y,
          verdicts: { basic: verdictOf(result.basic), quality: verdictOf(result.quality) },
          coefficients,
          schools: {
            total: schools.length,
            met: count('met'),
            unmet: count('unmet'),
            incomplete: count('incomplete'),
          },
          reports,
          trend,
          latestRun: runs.items[0] ?? null,
          publishedRun: runs.items.find((r) => r.publishedAt !== null) ?? null,
        };
      },
    );
  };
}
