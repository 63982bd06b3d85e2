/**
 * @module 公示 (no login): the published results of a county and year — verdicts, coefficients and
 * school-level figures — as JSON for the public page, as CSV and as the published result JSON.
 * Only published runs are read, and only school-level aggregates leave (no person is named).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coefficientRow, schoolFigure, verdict } from '../evaluation/schema.js';
import type { AppContext } from '../platform/context.js';
import { attachment } from '../platform/download.js';
import { countyCode, errorResponses, nullableTimestamp, year } from '../platform/schemas.js';
import { publicContext, publishedCounties, publishedDownload, publishedResults } from './commands.js';

/** A published verdict: the run, when it was published and its reasons. */
const publishedVerdict = verdict.extend({ runId: z.number(), publishedAt: nullableTimestamp });

export function publicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const open = { access: 'public' as const };
    const params = z.object({ countyCode, year });

    app.get(
      '/public/counties',
      {
        config: open,
        schema: {
          tags: ['公示'],
          summary: '已公示评估结果的县及学年',
          response: {
            200: z.array(z.object({ code: z.string(), name: z.string(), years: z.array(z.number()) })),
            ...errorResponses,
          },
        },
      },
      async () => publishedCounties(publicContext(ctx.db)),
    );

    app.get(
      '/public/results/:countyCode/:year',
      {
        config: open,
        schema: {
          tags: ['公示'],
          summary: '公示结果：结论、差异系数、各校指标（不含任何个人信息）',
          params,
          response: {
            200: z.object({
              county: z.object({ code: z.string(), name: z.string() }),
              year: z.number(),
              verdicts: z.object({
                basic: publishedVerdict.nullable(),
                quality: publishedVerdict.nullable(),
              }),
              coefficients: z.array(coefficientRow),
              schools: z.array(schoolFigure),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => publishedResults(publicContext(ctx.db), req.params),
    );

    for (const format of ['csv', 'json'] as const) {
      app.get(
        `/public/results/:countyCode/:year.${format}`,
        {
          config: open,
          schema: {
            tags: ['公示'],
            summary:
              format === 'csv' ? '各校指标 CSV（UTF-8）' : '公示的评估结果 JSON（docs/result-schema.md）',
            params,
          },
        },
        async (req, reply) => {
          const file = await publishedDownload(publicContext(ctx.db), { ...req.params, format });
          return attachment(reply, file.body, file.fileName);
        },
      );
    }
  };
}
