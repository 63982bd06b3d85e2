/**
 * @module 划片 (zoning) for the public (公示, no login): the published plan of a county, year and
 * stage, each school with its 小区/村, for parents; and which plans a county has published.
 */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { RouteApp } from '../../platform/routeKit.js';
import { countyCode, errorResponses, stage, timestamp, year } from '../../platform/schemas.js';
import { getPublicZoning, listPublicZoningPlans } from './commands/index.js';
import { areaKind } from './schema.js';

export function zoningPublicRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/public/zoning/:countyCode/:year/:stage',
    {
      config: { access: 'public' },
      schema: {
        tags: ['公示'],
        summary: '已公示的划片方案（无需登录）：每所学校及划入的小区/村，供家长查询',
        params: z.object({ countyCode, year, stage }),
        response: {
          200: z.object({
            planId: z.number(),
            countyCode: z.string(),
            countyName: z.string(),
            year: z.number(),
            stage,
            title: z.string(),
            publishedAt: timestamp,
            schools: z.array(
              z.object({
                schoolId: z.string(),
                name: z.string(),
                address: z.string().nullable().describe('学校地址（学校名册），无则为 null'),
                areas: z.array(
                  z.object({
                    id: z.string(),
                    name: z.string(),
                    kind: areaKind,
                    township: z.string().nullable(),
                  }),
                ),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => getPublicZoning({ db: ctx.db }, req.params),
  );

  app.get(
    '/public/zoning/:countyCode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['公示'],
        summary: '一个县已公示的划片方案（无需登录）：可查询的招生年份和学段，年份新的在前',
        params: z.object({ countyCode }),
        response: {
          200: z.object({
            county: z.object({ code: z.string(), name: z.string() }),
            plans: z.array(
              z.object({
                planId: z.number(),
                year: z.number().describe('招生年份（该年秋季入学）'),
                stage,
                title: z.string(),
                publishedAt: timestamp,
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => listPublicZoningPlans({ db: ctx.db }, req.params),
  );
}
