/**
 * @module 划片 (zoning, 就近入学): the map page's data (county map, residential areas, schools with
 * capacity), the solver (HiGHS in a worker thread, so the event loop stays free), evaluation of a
 * hand-adjusted assignment, plans (save with version check, publish), area import (GeoJSON map or
 * Excel), downloads of a plan (Excel, GeoJSON), and the published zones for parents (no login).
 *
 * Decisions:
 * - One solve per county at a time, and at most two in the whole server (the machine has few cores
 *   and a solve can take its whole time limit): a second request is refused with 409 and a message
 *   to wait, rather than queued behind a request whose browser may be gone.
 * - Solving writes nothing, but it is the bureau's work tool: it needs edit rights on the county's
 *   admission plans (inspectors and the city read plans, they do not run the solver).
 * - The web page evaluates hand adjustments in the browser (core evaluateZoning, instant); the
 *   evaluate route gives the same figures to other clients.
 */
import {
  type Actor,
  compareZonings,
  evaluateZoning,
  type Stage,
  ZONING_STAGE_NAMES,
  ZoningInputError,
  ZoningSolveError,
} from '@junheng/core';
import {
  AccessError,
  buildZoningProblem,
  createZoningPlan,
  getPublicZoning,
  getZoningMap,
  getZoningPlan,
  importZoningAreas,
  listPublicZoningPlans,
  listZoningAreas,
  listZoningPlans,
  publishZoningPlan,
  regionName,
  requireAllowed,
  saveEntryClasses,
  updateZoningPlan,
  type ZoningPlanView,
  zoningSchools,
} from '@junheng/db';
import {
  DEMO_ZONING_MAP_FILE,
  type MapRegion,
  type MapSchool,
  readDemoZoningMap,
  solveZoning,
  writeAreaWorkbook,
  writePlanWorkbook,
  type ZoningMap,
  zoningResultGeoJson,
} from '@junheng/io';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { ApiError } from '../../platform/errors.js';
import { countyCode, errorResponses, stage, timestamp, year } from '../../platform/schemas.js';
import { importInvalid, uploadedFile } from '../../platform/upload.js';
import { resolveCounty } from '../../schools/county.js';
import {
  areaKind,
  areaRow,
  assignment,
  comparison,
  entrants,
  evaluation,
  importIssue,
  type MapRegions,
  mapRegions,
  planSummary,
  planView,
  type SolverInfo,
  schoolRow,
  solverInfo,
} from './schema.js';
import { readZoningUpload } from './zoningFiles.js';

/** core's input errors (bad ids, coordinates) as 400 with their Chinese message. */
function coreError(e: unknown): never {
  if (e instanceof ZoningInputError) throw new ApiError(400, 'invalidRequest', e.message);
  if (e instanceof ZoningSolveError) throw new ApiError(422, 'solveFailed', e.message);
  throw e;
}

/**
 * A plan as the routes answer it. The database keeps the solver info as the JSON a save brought,
 * which the save's body schema (solverInfo) checked: it has that shape.
 */
function typedPlan<T extends { solver: Record<string, unknown> | null }>(
  plan: T,
): Omit<T, 'solver'> & { solver: SolverInfo | null } {
  return plan as Omit<T, 'solver'> & { solver: SolverInfo | null };
}

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

// ── routes ───────────────────────────────────────────────────────────────────────────────────

export function zoningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };
    const tags = ['划片'];
    /** Solves running now: county code → who started it and when. */
    const solving = new Map<string, { by: string; since: Date }>();
    const MAX_SOLVES = 2;

    const countyQuery = z.object({ countyCode: countyCode.optional() });

    async function countyOf(actor: Actor, code?: string) {
      return resolveCounty(ctx.db, actor, 'admissionPlan', code);
    }

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
        const county = await countyOf(auth.actor, req.query.countyCode);
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

    app.post(
      '/zoning/solve',
      {
        config: signedIn,
        schema: {
          tags,
          summary:
            '求解最优划片（HiGHS 整数规划，在工作线程中运行）：按人数加权的直线距离最小，且不超过学位数',
          querystring: countyQuery,
          body: z.object({
            year,
            stage,
            timeLimitSeconds: z.number().min(1).max(120).default(20).describe('求解时间上限（秒），默认 20'),
          }),
          response: {
            200: z.object({
              stage,
              assignment: z.record(z.string(), z.string()),
              evaluation,
              solver: solverInfo,
              greedyObjective: z.number(),
              current: z.object({ evaluation, comparison }).nullable(),
              unlocated: z
                .array(z.object({ schoolId: z.string(), name: z.string() }))
                .describe('缺少坐标、未参加划片的学校'),
              currentDropped: z.array(z.object({ areaId: z.string(), schoolId: z.string() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await countyOf(auth.actor, req.query.countyCode);
        requireAllowed(
          auth.actor,
          'edit',
          { kind: 'admissionPlan', regionCode: county.code },
          '没有找到该县的划片数据',
        );
        const running = solving.get(county.code);
        if (running) {
          throw new ApiError(
            409,
            'conflict',
            `本县的划片正在求解中（${running.by} 于 ${running.since.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 开始）：请等待求解完成后再试`,
          );
        }
        if (solving.size >= MAX_SOLVES) {
          throw new ApiError(409, 'conflict', '服务器正在进行其他划片求解：请稍候一分钟再试');
        }
        const { year: y, stage: st, timeLimitSeconds } = req.body;
        // Taken before any await, so two requests arriving together cannot both pass the check.
        solving.set(county.code, { by: auth.user.displayName, since: ctx.now() });
        try {
          const built = await buildZoningProblem(ctx.db, auth.actor, county.code, y, st);
          if (built.problem.areas.length === 0) {
            throw new ApiError(
              409,
              'wrongState',
              `${y}年还没有导入小区/村：请先点击“导入小区/村”上传 GeoJSON 地图或 Excel 表，再求解`,
            );
          }
          const current = Object.keys(built.current).length > 0 ? built.current : undefined;
          const solution = await solveZoning(built.problem, {
            timeLimitSeconds,
            ...(current ? { current } : {}),
          }).catch(coreError);
          return {
            ...solution,
            current: solution.current ?? null,
            unlocated: built.unlocated,
            currentDropped: built.currentDropped,
          };
        } finally {
          solving.delete(county.code);
        }
      },
    );

    app.post(
      '/zoning/evaluate',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '评价一个（手动调整的）划片方案：各校满额率、距离，及与现行划片的对比',
          querystring: countyQuery,
          body: z.object({ year, stage, assignment }),
          response: {
            200: z.object({ evaluation, current: z.object({ evaluation, comparison }).nullable() }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await countyOf(auth.actor, req.query.countyCode);
        const built = await buildZoningProblem(
          ctx.db,
          auth.actor,
          county.code,
          req.body.year,
          req.body.stage,
        );
        try {
          const ev = evaluateZoning(built.problem, req.body.assignment);
          if (Object.keys(built.current).length === 0) return { evaluation: ev, current: null };
          const cur = evaluateZoning(built.problem, built.current);
          return { evaluation: ev, current: { evaluation: cur, comparison: compareZonings(cur, ev) } };
        } catch (e) {
          return coreError(e);
        }
      },
    );

    app.get(
      '/zoning/plans',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '本县某年的划片方案列表（新的在前）',
          querystring: z.object({ year, stage: stage.optional(), countyCode: countyCode.optional() }),
          response: { 200: z.array(planSummary), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await countyOf(auth.actor, req.query.countyCode);
        const plans = await listZoningPlans(ctx.db, auth.actor, county.code, req.query.year, req.query.stage);
        return plans.map(typedPlan);
      },
    );

    const planBody = {
      title: z.string().min(1).max(100),
      source: z.enum(['solver', 'hand', 'current']).describe('solver 求解，hand 手动调整，current 现行划片'),
      assignment,
      solver: solverInfo.nullable().optional().describe('求解器信息（来自 /zoning/solve，原样带回）'),
    };

    app.post(
      '/zoning/plans',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '保存新的划片方案（草稿）',
          querystring: countyQuery,
          body: z.object({ year, stage, ...planBody }),
          response: { 200: planView, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await countyOf(auth.actor, req.query.countyCode);
        const { year: y, stage: st, title, source, assignment: a, solver } = req.body;
        const plan = await createZoningPlan(
          ctx.db,
          auth.actor,
          {
            countyCode: county.code,
            year: y,
            stage: st,
            title,
            source,
            assignment: a,
            solver: solver ?? null,
          },
          { ip: req.ip },
        );
        return typedPlan(plan);
      },
    );

    const idParams = z.object({ id: z.coerce.number().int().min(1) });

    app.get(
      '/zoning/plans/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '一个划片方案：分配、所用的小区/村和学校、评价、与现行划片的对比',
          params: idParams,
          response: { 200: planView, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return typedPlan(await getZoningPlan(ctx.db, auth.actor, req.params.id));
      },
    );

    app.put(
      '/zoning/plans/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '修改划片方案（草稿）；version 不是最新时 409',
          params: idParams,
          body: z.object({ ...planBody, version: z.number().int().min(1) }),
          response: { 200: planView, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const { title, source, assignment: a, solver, version } = req.body;
        const plan = await updateZoningPlan(
          ctx.db,
          auth.actor,
          req.params.id,
          {
            title,
            source,
            assignment: a,
            ...(solver !== undefined ? { solver } : {}),
            expectedVersion: version,
          },
          { ip: req.ip },
        );
        return typedPlan(plan);
      },
    );

    app.post(
      '/zoning/plans/:id/publish',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '发布（公示）划片方案：对公众公开；同县同年同学段之前公示的方案改为“已被取代”',
          params: idParams,
          body: z.object({ version: z.number().int().min(1) }),
          response: { 200: planView, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return typedPlan(
          await publishZoningPlan(
            ctx.db,
            auth.actor,
            req.params.id,
            { expectedVersion: req.body.version },
            { ip: req.ip },
          ),
        );
      },
    );

    /** A plan for a download, with the export right checked and the county's name. */
    async function planForExport(req: FastifyRequest, id: number) {
      const auth = requireAuth(req);
      const plan = await getZoningPlan(ctx.db, auth.actor, id);
      requireAllowed(
        auth.actor,
        'export',
        { kind: 'admissionPlan', regionCode: plan.countyCode, published: plan.status === 'published' },
        '没有找到该划片方案',
      );
      return { auth, plan, countyName: (await regionName(ctx.db, plan.countyCode)) ?? plan.countyCode };
    }

    app.get(
      '/zoning/plans/:id/export.xlsx',
      {
        config: signedIn,
        schema: { tags, summary: '下载划片方案（Excel：说明、学校、小区/村三张表）', params: idParams },
      },
      async (req, reply) => {
        const { auth, plan, countyName } = await planForExport(req, req.params.id);
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
        const { auth, plan, countyName } = await planForExport(req, req.params.id);
        const stored = await getZoningMap(ctx.db, auth.actor, plan.countyCode);
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
            422: z.object({
              code: z.string(),
              message: z.string(),
              details: z.array(importIssue).optional(),
            }),
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await countyOf(auth.actor, req.query.countyCode);
        requireAllowed(
          auth.actor,
          'import',
          { kind: 'admissionPlan', regionCode: county.code },
          '没有找到该县的划片数据',
        );
        const { bytes, name } = uploadedFile(req, 'GeoJSON 地图（.geojson）或 Excel 小区/村表（.xlsx）');
        const read = await readZoningUpload(bytes, name);
        const refuse = (issues: unknown[]) => importInvalid(issues, name);
        if (!read.ok) throw refuse(read.issues);
        if (read.mapCode && read.mapCode !== county.code) {
          throw refuse([
            {
              file: name,
              column: 'code',
              value: read.mapCode,
              message: `地图的县级行政区划代码不是本县（${county.name} ${county.code}）：请导入本县的地图，或改正文件顶层的 code`,
            },
          ]);
        }
        try {
          return await importZoningAreas(
            ctx.db,
            auth.actor,
            { ...read.input, countyCode: county.code, year: req.query.year },
            { ip: req.ip },
          );
        } catch (e) {
          if (e instanceof AccessError && e.code === 'invalidData' && Array.isArray(e.details))
            throw refuse(e.details);
          throw e;
        }
      },
    );

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
        const county = await countyOf(auth.actor, req.query.countyCode);
        requireAllowed(
          auth.actor,
          'export',
          { kind: 'admissionPlan', regionCode: county.code },
          '没有找到该县的划片数据',
        );
        const areas = await listZoningAreas(ctx.db, auth.actor, county.code, req.query.year);
        const schools = await zoningSchools(ctx.db, auth.actor, county.code, req.query.year);
        const names = new Map(schools.map((s) => [s.schoolId, s.name]));
        const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
        const bytes = await writeAreaWorkbook(
          areas.map((a) => ({
            ...a,
            current: { primary: nameOf(a.current.primary), junior: nameOf(a.current.junior) },
          })),
        );
        await auditExport(ctx, auth, req, {
          action: 'export.zoningAreas.xlsx',
          entity: 'residential_area',
          entityId: `${county.code}/${req.query.year}`,
          after: { areas: areas.length },
        });
        return attachment(reply, bytes, `${county.name}${req.query.year}年小区村.xlsx`);
      },
    );

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
        const auth = requireAuth(req);
        const county = await countyOf(auth.actor, req.query.countyCode);
        return saveEntryClasses(ctx.db, auth.actor, county.code, req.body.year, req.body.items, {
          ip: req.ip,
        });
      },
    );

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
      async (req) => getPublicZoning(ctx.db, req.params.countyCode, req.params.year, req.params.stage),
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
      async (req) => listPublicZoningPlans(ctx.db, req.params.countyCode),
    );
  };
}
