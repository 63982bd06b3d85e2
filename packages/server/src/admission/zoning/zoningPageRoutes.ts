/**
 * @module 划片 (zoning) page data: everything the map page shows for a county and plan year in one
 * answer (county map, residential areas, schools with capacity, saved plans, whether the user may
 * edit). The demo county shows its shipped map until a map is imported for it.
 */

import { getZoningMap, listZoningAreas, listZoningPlans, requireAllowed, zoningSchools } from '@junheng/db';
import { DEMO_ZONING_MAP_FILE, readDemoZoningMap } from '@junheng/io';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { countyCode, errorResponses, timestamp, year } from '../../platform/schemas.js';
import { areaRow, type MapRegions, mapRegions, planSummary, schoolRow } from './schema.js';
import { countyOf, tags, typedPlan } from './zoningRouteKit.js';

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
      const auth = requireAuth(req);
      const county = await countyOf(ctx, auth.actor, req.query.countyCode);
      const y = req.query.year;
      const areas = await listZoningAreas(ctx.db, auth.actor, county.code, y);
      const schools = await zoningSchools(ctx.db, auth.actor, county.code, y);
      const plans = await listZoningPlans(ctx.db, auth.actor, county.code, y);
      const stored = await getZoningMap(ctx.db, auth.actor, county.code);
      // Stored as the import wrote it (zoningFiles.ts): a FeatureCollection of faces.
      let map: {
        name: string | null;
        regions: MapRegions;
        file: string | null;
        updatedAt: Date | null;
      } | null = stored && { ...stored, regions: stored.regions as MapRegions };
      if (!map) {
        // The demo county's shipped map, when nothing was imported for it.
        const demo = await readDemoZoningMap().catch(() => null);
        if (demo && demo.code === county.code) {
          map = {
            name: demo.name ?? null,
            regions: {
              type: 'FeatureCollection',
              features: demo.regions.map((r) => ({
                type: 'Feature',
                geometry: r.geometry,
                properties: r.properties,
              })),
            },
            file: DEMO_ZONING_MAP_FILE.replace(/^.*[\\/]/, ''),
            updatedAt: null,
          };
        }
      }
      let canEdit = true;
      try {
        requireAllowed(auth.actor, 'edit', { kind: 'admissionPlan', regionCode: county.code }, '');
      } catch {
        canEdit = false;
      }
      return { county, year: y, map, areas, schools, plans: plans.map(typedPlan), canEdit };
    },
  );
}
