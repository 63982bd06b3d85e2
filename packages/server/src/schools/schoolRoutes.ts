/**
 * @module 学校列表、学校详情、一校一策. A school's figures against each threshold are computed from
 * the county's data as it is now (the engine takes milliseconds for a county), so a school sees the
 * effect of a saved correction at once (liveResult.ts recomputes it when the data changed); only the
 * school's own lines leave the server.
 */
import { type EvaluationResult, SCHOOL_TYPE_NAMES, STATUS_NAMES } from '@junheng/core';
import { getSchool, listSchools, updateSchool } from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../accounts/session.js';
import { liveCountyResult } from '../evaluation/liveResult.js';
import type { AppContext } from '../platform/context.js';
import { errorResponses, pageOf, paging, schoolId, stage, year } from '../platform/schemas.js';
import { schoolDetail, schoolEvaluation, schoolListItem, schoolPlan, schoolRegister } from './schema.js';

function schoolLines(result: EvaluationResult, id: string) {
  const quality = (result.quality?.schools ?? []).filter((s) => s.schoolId === id);
  const standards = [
    ['basic', result.basic?.stages ?? []],
    ['quality', result.quality?.stages ?? []],
  ] as const;
  const coefficients = standards.flatMap(([standard, stages]) =>
    stages.flatMap((st) =>
      st.coefficients.map((c) => ({
        standard,
        stage: c.stage,
        indicator: c.indicator,
        name: c.name,
        unit: c.unit,
        value: c.schools.find((s) => s.id === id)?.value ?? null,
        countyMean: c.mean,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      })),
    ),
  );
  const excluded = result.excluded.filter((e) => e.schoolId === id);
  const issues = result.issues.filter((i) => i.schoolId === id);
  return { quality, coefficients: coefficients.filter((c) => c.value !== null), excluded, issues };
}

export function schoolRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };

    app.get(
      '/schools',
      {
        config: signedIn,
        schema: {
          tags: ['学校'],
          summary: '学校列表（只含当前用户可见的学校）',
          querystring: z.object({
            year,
            q: z.string().max(50).optional(),
            type: z.enum(Object.keys(SCHOOL_TYPE_NAMES) as [string, ...string[]]).optional(),
            locality: z.enum(['urban', 'town', 'rural']).optional(),
            status: z.enum(['open', 'merged', 'closed']).optional(),
            sort: z.enum(['id', 'name', 'type', 'locality', 'students']).optional(),
            ...paging,
          }),
          response: { 200: pageOf(schoolListItem), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        // The list carries the Chinese names of type and 城乡类型 already (db schools.ts).
        return listSchools(ctx.db, auth.actor, req.query as Parameters<typeof listSchools>[2]);
      },
    );

    app.get(
      '/schools/:id',
      {
        config: signedIn,
        schema: {
          tags: ['学校'],
          summary: '学校详情：基本信息、各学段报表状态、状态变更历史',
          params: z.object({ id: schoolId }),
          querystring: z.object({ year }),
          response: { 200: schoolDetail, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return { ...(await getSchool(ctx.db, auth.actor, req.params.id, req.query.year)) };
      },
    );

    app.patch(
      '/schools/:id',
      {
        config: signedIn,
        schema: {
          tags: ['学校'],
          summary:
            '学校登记信息与办学状态（县教育局）：更名、地址、城乡类型、位置、启用学年；撤并、停办、恢复办学（需生效日期和原因）',
          params: z.object({ id: schoolId }),
          body: z.object({
            name: z.string().max(100).optional(),
            address: z.string().max(200).nullable().optional(),
            locality: z.enum(['urban', 'town', 'rural']).optional(),
            latitude: z.number().min(-90).max(90).nullable().optional(),
            longitude: z.number().min(-180).max(180).nullable().optional(),
            status: z.enum(['open', 'merged', 'closed']).optional(),
            mergedInto: schoolId.nullable().optional(),
            effectiveOn: z.iso.date('生效日期应为有效的 年-月-日，如 2026-09-01').optional(),
            reason: z.string().max(500).optional(),
            firstYear: z.number().int().min(2000).max(2100).nullable().optional(),
          }),
          response: { 200: schoolRegister, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return updateSchool(ctx.db, auth.actor, req.params.id, req.body, { ip: req.ip, now: ctx.now() });
      },
    );

    app.get(
      '/schools/:id/evaluation',
      {
        config: signedIn,
        schema: {
          tags: ['学校'],
          summary: '本校各项指标对照标准：优质均衡校际指标与缺口、在差异系数中的本校数值',
          params: z.object({ id: schoolId }),
          querystring: z.object({ year }),
          response: {
            200: schoolEvaluation,
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const s = await getSchool(ctx.db, auth.actor, req.params.id, req.query.year);
        const result = await liveCountyResult(ctx.db, s.countyCode, req.query.year);
        return {
          source: 'live' as const,
          schoolId: s.id,
          year: req.query.year,
          ...schoolLines(result, s.id),
          statusNames: STATUS_NAMES,
        };
      },
    );

    app.get(
      '/schools/:id/plan',
      {
        config: signedIn,
        schema: {
          tags: ['学校'],
          summary: '一校一策：每个学段缺什么、达标所需的最少补充及估算费用',
          params: z.object({ id: schoolId }),
          querystring: z.object({ year, stage: stage.optional() }),
          response: {
            200: schoolPlan,
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const s = await getSchool(ctx.db, auth.actor, req.params.id, req.query.year);
        const result = await liveCountyResult(ctx.db, s.countyCode, req.query.year);
        const stages = schoolLines(result, s.id)
          .quality.filter((c) => !req.query.stage || c.stage === req.query.stage)
          .map((c) => ({
            stage: c.stage,
            status: c.status,
            statusName: STATUS_NAMES[c.status],
            reason: c.reason,
            metCount: c.metCount,
            indicators: c.indicators,
            plan: c.plan,
            estimatedCost: c.plan.reduce((sum, p) => sum + p.estimatedCost, 0),
          }));
        return { schoolId: s.id, name: s.name, year: req.query.year, stages };
      },
    );
  };
}
