/**
 * @module 划片 (zoning) plan downloads: a plan as an Excel workbook (说明, 学校, 小区/村) or as GeoJSON
 * (township faces, schools with capacity, areas with their school and distance), each needing the
 * export right and audited.
 */
import { type Stage, ZONING_STAGE_NAMES } from '@junheng/core';
import {
  type MapRegion,
  type MapSchool,
  writePlanWorkbook,
  type ZoningMap,
  zoningResultGeoJson,
} from '@junheng/io';
import { requireAuth } from '../../accounts/session.js';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { zoningPlanExport } from './commands/index.js';
import type { ZoningPlanView } from './present.js';
import { idParams, tags } from './zoningRouteKit.js';

/** The regions of a stored map as io's MapRegion (for the GeoJSON download). */
function regionsOf(fc: Record<string, unknown> | null): MapRegion[] {
  const features = (fc?.features ?? []) as {
    geometry?: MapRegion['geometry'];
    properties?: Record<string, unknown>;
  }[];
  return features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => {
      const p = f.properties ?? {};
      return {
        kind: p.kind === 'zone' || p.kind === '学区' ? 'zone' : 'township',
        name: typeof p.name === 'string' ? p.name : '',
        geometry: f.geometry!,
        properties: p,
      };
    });
}

function planFileName(plan: ZoningPlanView, countyName: string, ext: string): string {
  return `${countyName}${plan.year}年${ZONING_STAGE_NAMES[plan.stage]}划片-${plan.title}.${ext}`.replace(
    /[\\/:*?"<>|]/g,
    '_',
  );
}

export function zoningExportRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/zoning/plans/:id/export.xlsx',
    {
      config: signedIn,
      schema: { tags, summary: '下载划片方案（Excel：说明、学校、小区/村三张表）', params: idParams },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const { plan, countyName } = await zoningPlanExport(commandContext(ctx, req), { id: req.params.id });
      const bytes = await writePlanWorkbook({
        title: plan.title,
        countyName,
        year: plan.year,
        evaluation: plan.evaluation,
        ...(plan.comparison ? { comparison: plan.comparison } : {}),
        townships: Object.fromEntries(plan.problem.areas.map((a) => [a.id, a.township])),
        schoolNames: Object.fromEntries(plan.problem.schools.map((s) => [s.id, s.name])),
      });
      await auditExport(ctx, auth, req, {
        action: 'export.zoningPlan.xlsx',
        entity: 'zoning_plan',
        entityId: String(plan.id),
        after: { bytes: bytes.length },
      });
      return attachment(reply, bytes, planFileName(plan, countyName, 'xlsx'));
    },
  );

  app.get(
    '/zoning/plans/:id/export.geojson',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '下载划片方案（GeoJSON：乡镇面、学校点（学位、满额率）、小区/村点（划片学校、距离））',
        params: idParams,
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const {
        plan,
        countyName,
        map: stored,
      } = await zoningPlanExport(commandContext(ctx, req), {
        id: req.params.id,
        withMap: true,
      });
      const map: ZoningMap = {
        name: `${countyName}${plan.year}年${ZONING_STAGE_NAMES[plan.stage]}划片：${plan.title}`,
        code: plan.countyCode,
        schools: plan.problem.schools as MapSchool[],
        areas: [...plan.problem.areas],
        current: { primary: {}, junior: {}, [plan.stage]: plan.current } as Record<
          Stage,
          Record<string, string>
        >,
        regions: regionsOf(stored?.regions ?? null),
      };
      const geo = zoningResultGeoJson(map, plan.evaluation, plan.comparison ?? undefined);
      const text = `${JSON.stringify(geo)}\n`;
      await auditExport(ctx, auth, req, {
        action: 'export.zoningPlan.geojson',
        entity: 'zoning_plan',
        entityId: String(plan.id),
        after: { bytes: Buffer.byteLength(text) },
      });
      return attachment(reply, text, planFileName(plan, countyName, 'geojson'));
    },
  );
}
