/**
 * @module Reference data the web app needs to draw forms and labels: school years, the report
 * form's fields, the county items, and the Chinese names of codes. One source (core) for every
 * label, so the page, the import and the reports say the same thing.
 */
import {
  type Actor,
  countyItemSpecs,
  LOCALITY_NAMES,
  nationalStandards,
  REPORT_ACTION_NAMES,
  REPORT_FIELDS,
  REPORT_SECTIONS,
  REPORT_STATUS_NAMES,
  type ReportSection,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  shanghaiSchoolYear,
  USER_ROLE_NAMES,
  visibleRegionPrefix,
} from '@junheng/core';
import { countiesWithSchools, countyOfUser, knownSchoolYears, pingDatabase } from '@junheng/db';
import { schoolYearLabel } from '@junheng/io';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from './context.js';
import { messageOverrides } from './errors.js';
import { countyItemInput, errorResponses, standardValue } from './schemas.js';

const names = z.record(z.string(), z.string());

/**
 * How long a browser may keep the province's wording: it changes only when the server restarts
 * with another JUNHENG_MESSAGES file, and every page load asks for it.
 */
const MESSAGES_CACHE = 'public, max-age=300';

async function visibleCounties(ctx: AppContext, actor: Actor) {
  const scope = visibleRegionPrefix(actor, 'school');
  if (scope.scope === 'none' || scope.scope === 'school') return [];
  return countiesWithSchools(ctx.db, scope.scope === 'region' ? scope.prefix.slice(0, 6) : '');
}

/** GET /api/meta/messages: the province's wording (errors.ts holds what startServer read). */
const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/meta/messages',
    {
      config: { access: 'public' },
      schema: {
        tags: ['系统'],
        summary: '本省改写的提示语（网页端启动时读取，docs/messages.md）',
        response: {
          200: z.object({
            overrides: z
              .record(z.string(), z.string())
              .describe(
                '提示语目录的键 → 改写后的文字（JUNHENG_MESSAGES 指定的文件，启动时已校验）；未改写时为空',
              ),
          }),
        },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', MESSAGES_CACHE);
      return { overrides: { ...messageOverrides() } };
    },
  );
};

export function metaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['系统'],
          summary: '服务是否正常',
          response: { 200: z.object({ ok: z.literal(true), version: z.string() }) },
        },
      },
      async () => {
        await pingDatabase(ctx.db);
        return { ok: true as const, version: ctx.version };
      },
    );

    await app.register(messageRoutes);

    app.get(
      '/meta',
      {
        config: { access: 'signedIn' },
        schema: {
          tags: ['系统'],
          summary: '学年、填报项、县级指标与各类名称',
          response: {
            200: z.object({
              currentYear: z.number(),
              years: z.array(z.object({ year: z.number(), label: z.string() })),
              county: z.object({ code: z.string(), name: z.string() }).nullable(),
              counties: z
                .array(z.object({ code: z.string(), name: z.string() }))
                .describe('用户可查看的县（市、省级账户据此选择县）'),
              reportFields: z.array(
                z.object({
                  key: z.string(),
                  label: z.string(),
                  unit: z.string(),
                  section: z.enum(REPORT_SECTIONS as unknown as [ReportSection, ...ReportSection[]]),
                  integer: z.boolean(),
                  min: z.number(),
                  max: z.number().describe('合理上限：超过即拒收（数据多写了位数或用错了单位）'),
                  requiredOnSubmit: z.boolean(),
                }),
              ),
              countyItems: z.array(
                z.object({
                  id: z.string(),
                  standard: standardValue,
                  aspect: z.string(),
                  no: z.number(),
                  name: z.string(),
                  input: countyItemInput,
                  unit: z.string().optional(),
                  min: z.number().optional(),
                  max: z.number().optional(),
                  prompt: z.string().optional(),
                }),
              ),
              schoolTypes: names,
              localities: names,
              stages: names,
              statuses: names,
              actions: names,
              roles: names,
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const current = shanghaiSchoolYear(ctx.now());
        const known = await knownSchoolYears(ctx.db);
        const years = [...new Set([current, ...known])].sort((a, b) => b - a);
        return {
          currentYear: current,
          years: years.map((y) => ({ year: y, label: schoolYearLabel(y) })),
          county: await countyOfUser(ctx.db, auth.user.regionCode, auth.user.schoolId),
          counties: await visibleCounties(ctx, auth.actor),
          reportFields: REPORT_FIELDS.map((f) => ({
            key: f.key,
            label: f.label,
            unit: f.unit,
            section: f.section,
            integer: f.kind === 'count',
            min: 0,
            max: f.max,
            requiredOnSubmit: f.requiredOnSubmit,
          })),
          countyItems: countyItemSpecs(nationalStandards()),
          schoolTypes: SCHOOL_TYPE_NAMES,
          localities: LOCALITY_NAMES,
          stages: STAGE_NAMES,
          statuses: REPORT_STATUS_NAMES,
          actions: REPORT_ACTION_NAMES,
          roles: USER_ROLE_NAMES,
        };
      },
    );
  };
}
