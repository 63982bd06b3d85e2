/**
 * @module 指标到校: the county's junior schools with graduates (estimated from 初中在校生数 ÷ 3 for
 * the bureau to confirm), a live preview of the allocation (core allocateQuota: largest remainder,
 * rural tilt, minimum per school), saved allocations with versions, and the calculation as .xlsx.
 * Access and rules: packages/db/src/admission/quota/quotaAllocations.ts.
 */
import { QUOTA_SHARE_2017 } from '@junheng/core';
import {
  createQuota,
  getQuota,
  listQuotas,
  previewQuota,
  quotaSchools,
  regionName,
  requireAllowed,
  updateQuota,
} from '@junheng/db';
import { writeQuotaWorkbook } from '@junheng/io';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { countyCode, errorResponses, timestamp, year } from '../../platform/schemas.js';
import { resolveCounty } from '../../schools/county.js';

const quotaRow = z.object({
  schoolId: z.string(),
  name: z.string().optional(),
  graduates: z.number(),
  rural: z.boolean(),
  weight: z.number(),
  weightedGraduates: z.number(),
  guaranteed: z.number(),
  heldAtGuarantee: z.boolean(),
  heldAtCap: z.boolean().describe('应得名额超过毕业生数，按毕业生数封顶'),
  exactQuota: z.number(),
  floor: z.number(),
  remainder: z.number(),
  extraSeat: z.number(),
  final: z.number(),
});

const allocation = z.object({
  plan: z.number(),
  share: z.number(),
  places: z.number().describe('分配到初中的名额 = ⌈总名额 × 比例⌉'),
  unallocated: z.number(),
  unplaced: z.number().describe('无法分配的名额：各校毕业生合计少于分配名额时，每校至多分得其毕业生数'),
  ruralWeight: z.number(),
  minimum: z.number(),
  proportionalPlaces: z.number(),
  leftoverSeats: z.number(),
  rows: z.array(quotaRow),
});

/** A school as saved: name and 乡村 from the register (school.locality). */
const school = z.object({
  schoolId: z.string(),
  name: z.string(),
  graduates: z.number().int().min(0).max(100_000),
  rural: z.boolean().describe('乡村学校：取自学校名录的城乡类型（school.locality），不由请求决定'),
});

/** A school as submitted: which one and its confirmed graduates; 乡村 is not taken from the client. */
const schoolInput = z.object({
  schoolId: z.string(),
  name: z.string().optional().describe('忽略：以学校名录中的名称为准'),
  graduates: z.number().int().min(0).max(100_000),
});

const params = {
  highSchoolName: z.string().min(1).max(100),
  places: z.number().int().min(0).max(100_000),
  share: z.number().min(0).max(1).describe('指标到校比例（0～1），不低于规定比例'),
  ruralTilt: z.number().min(1).max(5).describe('乡村学校倾斜系数，1 为不倾斜'),
  minimum: z.number().int().min(0).max(1000),
  schools: z
    .array(schoolInput)
    .min(1)
    .max(1000)
    .describe('参加分配的初中及毕业生数；是否乡村学校按学校名录（城乡类型）确定'),
};

const summary = z.object({
  id: z.number(),
  countyCode: z.string(),
  year: z.number(),
  highSchoolName: z.string(),
  places: z.number(),
  share: z.number(),
  ruralTilt: z.number(),
  minimum: z.number(),
  allocated: z.number(),
  schools: z.number(),
  version: z.number(),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  updatedAt: timestamp,
  updatedByName: z.string().nullable(),
});

const view = summary.extend({ inputs: z.array(school), result: allocation });

// The least share and the document it comes from (the research tags stay in docs/standards.md).
const rule = z.object({ minShare: z.number(), document: z.string() });

export function quotaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };
    const tags = ['指标到校'];
    const quotaId = z.object({ id: z.coerce.number().int().min(1) });

    app.get(
      '/quota/schools',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '本县初中及毕业生数（学校报表只有初中在校生数：毕业生数按 ÷3 估算，请核实）和比例规定',
          querystring: z.object({ year, countyCode: countyCode.optional() }),
          response: {
            200: z.object({
              countyCode: z.string(),
              countyName: z.string(),
              rule,
              schools: z.array(
                z.object({
                  schoolId: z.string(),
                  name: z.string(),
                  rural: z.boolean().describe('乡村学校：学校名录的城乡类型（只读，修改请到学校名录）'),
                  juniorStudents: z.number().nullable(),
                  reportYear: z.number().nullable(),
                  graduates: z.number(),
                  estimated: z.boolean(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'admissionPlan', req.query.countyCode);
        const schools = await quotaSchools(ctx.db, auth.actor, county.code, req.query.year);
        const { minShare, document } = QUOTA_SHARE_2017;
        return { countyCode: county.code, countyName: county.name, rule: { minShare, document }, schools };
      },
    );

    app.post(
      '/quota/preview',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '按参数试算（不保存）：最大余数法，合计恰好等于分配名额',
          body: z.object({
            year: z.number().int().min(2000).max(2100),
            countyCode: countyCode.optional(),
            ...params,
          }),
          response: { 200: allocation, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'admissionPlan', req.body.countyCode);
        return previewQuota(ctx.db, auth.actor, county.code, req.body);
      },
    );

    app.get(
      '/quota',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '已保存的指标到校方案（最新的在前）',
          querystring: z.object({ year, countyCode: countyCode.optional() }),
          response: { 200: z.array(summary), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'admissionPlan', req.query.countyCode);
        return listQuotas(ctx.db, auth.actor, county.code, req.query.year);
      },
    );

    app.post(
      '/quota',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '计算并保存指标到校方案（县教育局）',
          body: z.object({
            year: z.number().int().min(2000).max(2100),
            countyCode: countyCode.optional(),
            ...params,
          }),
          response: { 200: view, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'admissionPlan', req.body.countyCode);
        return createQuota(ctx.db, auth.actor, { ...req.body, countyCode: county.code }, { ip: req.ip });
      },
    );

    app.get(
      '/quota/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '一个指标到校方案及其计算表',
          params: quotaId,
          response: { 200: view, ...errorResponses },
        },
      },
      async (req) => getQuota(ctx.db, requireAuth(req).actor, req.params.id),
    );

    app.put(
      '/quota/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '修改参数并重新计算（带回版本号，他人已修改时 409）',
          params: quotaId,
          body: z.object({ version: z.number().int().min(1), ...params }),
          response: { 200: view, ...errorResponses },
        },
      },
      async (req) => {
        const { version, ...rest } = req.body;
        return updateQuota(
          ctx.db,
          requireAuth(req).actor,
          req.params.id,
          { ...rest, expectedVersion: version },
          {
            ip: req.ip,
          },
        );
      },
    );

    app.get(
      '/quota/:id/table.xlsx',
      {
        config: signedIn,
        schema: { tags, summary: '指标到校计算表（.xlsx，中文列名，名额为整数）', params: quotaId },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const q = await getQuota(ctx.db, auth.actor, req.params.id);
        requireAllowed(
          auth.actor,
          'export',
          { kind: 'admissionPlan', regionCode: q.countyCode },
          '没有找到该方案',
        );
        const bytes = await writeQuotaWorkbook({
          countyName: (await regionName(ctx.db, q.countyCode)) ?? q.countyCode,
          year: q.year,
          highSchoolName: q.highSchoolName,
          allocation: q.result,
        });
        await auditExport(ctx, auth, req, {
          action: 'export.quotaAllocation.xlsx',
          entity: 'quota_allocation',
          entityId: String(q.id),
          after: { bytes: bytes.length },
        });
        return attachment(reply, bytes, `${q.year}年${q.highSchoolName}指标到校.xlsx`);
      },
    );
  };
}
