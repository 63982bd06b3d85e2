/**
 * @module 划片 (zoning) page data: everything the map page shows for a county and plan year in one
 * answer (county map, residential areas, schools with capacity, saved plans, whether the user may
 * edit). The demo county shows its shipped map until a map is imported for it.
 */
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { countyCode, errorResponses, timestamp, year } from '../../platform/schemas.js';
import { zoningPageData } from './commands/index.js';
import { areaRow, mapRegions, planSummary, schoolRow } from './schema.js';
import { countyOf, tags } from './zoningRouteKit.js';

export function zoningPageRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/zoning',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          '划片页面数据：县域地图（乡镇面）、小区/村、学校（坐标、起始年级班数、学位数）、已保存的方案',
        querystring: z.object({ year, countyCode: countyCode.optional() }),
        response: {
          200: z.object({
            county: z.object({ code: z.string(), name: z.string() }),
            year: z.number(),
            map: z
              .object({
                name: z.string().nullable(),
                regions: mapRegions,
                file: z.string().nullable(),
                updatedAt: timestamp.nullable(),
              })
              .nullable(),
            areas: z.array(areaRow),
            schools: z.array(schoolRow),
            plans: z.array(planSummary),
            canEdit: z.boolean().describe('当前用户可否导入、求解、保存、发布'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const county = await countyOf(ctx, requireAuth(req).actor, req.query.countyCode);
      const y = req.query.year;
      const page = await zoningPageData(commandContext(ctx, req), { countyCode: county.code, year: y });
      return { county, year: y, ...page };
    },
  );
}
