/**
 * @module 划片 (zoning) area and entry-class routes: importing a plan year's residential areas (a
 * GeoJSON map or an Excel sheet, all or nothing), the Excel sheet of the areas to edit and import
 * again, and the bureau's entry classes of the schools.
 */
import { writeAreaWorkbook } from '@junheng/io';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { countyCode, errorResponses, stage, year } from '../../platform/schemas.js';
import { uploadedFile } from '../../platform/upload.js';
import { importZoningFile, saveEntryClasses, zoningAreaSheet } from './commands/index.js';
import { entrants, schoolRow } from './schema.js';
import { countyOf, countyQuery, tags } from './zoningRouteKit.js';

export function zoningAreaRoutes(app: RouteApp, ctx: AppContext): void {
  areaImportRoute(app, ctx);
  areaWorkbookRoute(app, ctx);
  entryClassesRoute(app, ctx);
}

/** POST /zoning/areas/import: a GeoJSON map or an Excel sheet replaces the year's areas, all or nothing. */
function areaImportRoute(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/zoning/areas/import',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          '导入某招生年份的小区/村（替换该年全部小区/村）：GeoJSON 地图（同时更新学校坐标、起始年级班数、乡镇面）或 Excel 表；全部正确才写入',
        querystring: z.object({ year, countyCode: countyCode.optional() }),
        response: {
          200: z.object({
            file: z.string(),
            year: z.number(),
            areas: z.number(),
            replaced: z.number(),
            entrants,
            currentZones: entrants,
            schoolsLocated: z.number(),
            entryClasses: z.number(),
            mapRegions: z.number(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const county = await countyOf(ctx, requireAuth(req).actor, req.query.countyCode);
      return importZoningFile(
        commandContext(ctx, req),
        { countyCode: county.code, countyName: county.name, year: req.query.year },
        () => uploadedFile(req, 'GeoJSON 地图（.geojson）或 Excel 小区/村表（.xlsx）'),
      );
    },
  );
}

/** GET /zoning/areas/template.xlsx: the year's areas as the sheet to edit and import again. */
function areaWorkbookRoute(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/zoning/areas/template.xlsx',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '小区/村 Excel 表：已导入的小区/村（可修改后重新导入），没有时为空白模板',
        querystring: z.object({ year, countyCode: countyCode.optional() }),
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const county = await countyOf(ctx, auth.actor, req.query.countyCode);
      const areas = await zoningAreaSheet(commandContext(ctx, req), {
        countyCode: county.code,
        year: req.query.year,
      });
      const bytes = await writeAreaWorkbook(areas);
      await auditExport(ctx, auth, req, {
        action: 'export.zoningAreas.xlsx',
        entity: 'residential_area',
        entityId: `${county.code}/${req.query.year}`,
        after: { areas: areas.length },
      });
      return attachment(reply, bytes, `${county.name}${req.query.year}年小区村.xlsx`);
    },
  );
}

/** PUT /zoning/classes: the bureau's entry classes, replacing the estimate from the reports. */
function entryClassesRoute(app: RouteApp, ctx: AppContext): void {
  app.put(
    '/zoning/classes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '设置学校某年的起始年级招生班数（及班额上限，不填为国家标准 45/50），替代按报表的估算',
        querystring: countyQuery,
        body: z.object({
          year,
          items: z
            .array(
              z.object({
                schoolId: z.string().regex(/^\d{10}$/),
                stage,
                classes: z.number().int().min(0).max(100),
                classSizeLimit: z.number().int().min(1).max(100).nullable().optional(),
              }),
            )
            .min(1)
            .max(2000),
        }),
        response: { 200: z.array(schoolRow), ...errorResponses },
      },
    },
    async (req) => {
      const county = await countyOf(ctx, requireAuth(req).actor, req.query.countyCode);
      const { year: y, items } = req.body;
      return saveEntryClasses(commandContext(ctx, req), { countyCode: county.code, year: y, items });
    },
  );
}
