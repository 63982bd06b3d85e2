/**
 * @module 县级指标: the county-level items of a year (government investment, teacher exchange, quality,
 * satisfaction, veto items), read with their labels and saved by the bureau (audited).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { countyCode, countyItemInput, errorResponses, standardValue, year } from '../platform/schemas.js';
import { getCountyInputs, getCountyInputsLock, saveCountyInputs } from './commands/index.js';
import { presentCountyItems } from './present.js';

const itemRow = z.object({
  itemId: z.string(),
  standard: standardValue,
  aspect: z.string(),
  no: z.number(),
  name: z.string(),
  input: countyItemInput,
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  prompt: z.string().optional(),
  value: z.union([z.number(), z.boolean()]).nullable(),
  note: z.string().nullable(),
  updatedAt: z.date().nullable(),
  updatedByName: z.string().nullable(),
});

export function countyInputRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const query = z.object({ year, countyCode: countyCode.optional() });

    app.get(
      '/county-inputs',
      {
        config: { access: 'signedIn' },
        schema: {
          tags: ['县级指标'],
          summary: '县级指标及填报值（比例为 0～1 的小数）',
          querystring: query,
          response: { 200: z.array(itemRow), ...errorResponses },
        },
      },
      async (req) => presentCountyItems((await getCountyInputs(commandContext(ctx, req), req.query)).items),
    );

    app.get(
      '/county-inputs/status',
      {
        config: { access: 'signedIn' },
        schema: {
          tags: ['县级指标'],
          summary: '本学年县级指标是否还能修改：评估结果公示后只读（reason 说明原因）',
          querystring: query,
          response: {
            200: z.object({
              locked: z.boolean(),
              runId: z.number().nullable(),
              publishedAt: z.date().nullable(),
              reason: z.string().nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => getCountyInputsLock(commandContext(ctx, req), req.query),
    );

    app.put(
      '/county-inputs',
      {
        config: { access: 'signedIn' },
        schema: {
          tags: ['县级指标'],
          summary: '保存县级指标（只改列出的项）',
          querystring: query,
          body: z.object({
            items: z
              .array(
                z.object({
                  itemId: z.string().max(64),
                  value: z.union([z.number(), z.boolean()]).nullable(),
                  note: z.string().max(1000).nullable().optional(),
                }),
              )
              .max(200),
          }),
          response: { 200: z.array(itemRow), ...errorResponses },
        },
      },
      async (req) => {
        const saved = await saveCountyInputs(commandContext(ctx, req), {
          ...req.query,
          items: req.body.items,
        });
        return presentCountyItems(saved.items);
      },
    );
  };
}
