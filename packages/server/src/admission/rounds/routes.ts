import {
  AccessError,
  type ApplicantRowError,
  addApplicant,
  admitRound,
  commitRoundDraw,
  createRound,
  exportApplicants,
  getApplicant,
  getRound,
  importApplicants,
  listApplicants,
  listRounds,
  removeApplicant,
  roundResults,
  updateApplicant,
  updateRound,
} from '@junheng/db';
import {
  APPLICANT_SHEET,
  readApplicantWorkbook,
  writeApplicantExport,
  writeApplicantTemplate,
} from '@junheng/io';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { countyCode, errorResponses, ok, pageOf, stage, year } from '../../platform/schemas.js';
import { importInvalid, uploadedFile } from '../../platform/upload.js';
import {
  applicantDetail,
  applicantInput,
  applicantItem,
  category,
  id,
  listQuery,
  placesInput,
  results,
  roundDetail,
  roundSummary,
  TAG,
} from './schema.js';

export function admissionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };
    const params = z.object({ id });

    app.get(
      '/admission/rounds',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '招生轮次列表（本人可见的）',
          querystring: z.object({ countyCode: countyCode.optional(), year: year.optional() }),
          response: { 200: z.array(roundSummary), ...errorResponses },
        },
      },
      async (req) => listRounds(ctx.db, requireAuth(req).actor, req.query),
    );

    app.post(
      '/admission/rounds',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '新建招生轮次（教育局）：类别默认为五类，学校默认为本县该学段全部学校',
          body: z.object({
            countyCode: countyCode.optional(),
            year,
            stage,
            title: z.string().max(100),
            categories: z.array(category).max(12).optional(),
            siblingPriority: z.boolean().optional(),
            places: placesInput.optional(),
          }),
          response: { 200: roundDetail, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = req.body.countyCode ?? auth.actor.regionCode?.slice(0, 6) ?? '';
        return createRound(ctx.db, auth.actor, { ...req.body, countyCode: county }, { ip: req.ip });
      },
    );

    app.get(
      '/admission/rounds/:id',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '招生轮次：类别、学校与计划招生数、状态',
          params,
          response: { 200: roundDetail, ...errorResponses },
        },
      },
      async (req) => getRound(ctx.db, requireAuth(req).actor, req.params.id),
    );

    app.put(
      '/admission/rounds/:id',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '修改招生轮次（名单公布前）：名称、类别顺序、同校兄弟姐妹优先、计划招生数',
          params,
          body: z.object({
            version: z.number().int().min(1),
            title: z.string().max(100).optional(),
            categories: z.array(category).max(12).optional(),
            siblingPriority: z.boolean().optional(),
            places: placesInput.optional(),
          }),
          response: { 200: roundDetail, ...errorResponses },
        },
      },
      async (req) => updateRound(ctx.db, requireAuth(req).actor, req.params.id, req.body, { ip: req.ip }),
    );

    app.get(
      '/admission/rounds/:id/applicants',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '申请人列表（姓名、身份证号等已遮盖；学校用户只看到录取到本校的学生）',
          params,
          querystring: listQuery,
          response: { 200: pageOf(applicantItem), ...errorResponses },
        },
      },
      async (req) => listApplicants(ctx.db, requireAuth(req).actor, req.params.id, req.query),
    );

    app.post(
      '/admission/rounds/:id/applicants',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '录入一名申请人（教育局，名单公布前）',
          params,
          body: applicantInput,
          response: { 200: applicantItem, ...errorResponses },
        },
      },
      async (req) =>
        addApplicant(ctx.db, ctx.personal, requireAuth(req).actor, req.params.id, req.body, { ip: req.ip }),
    );

    app.get(
      '/admission/applicants/:id',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '一名申请人的完整信息（查看个人信息，记入审计日志）',
          params,
          response: { 200: applicantDetail, ...errorResponses },
        },
      },
      async (req) =>
        getApplicant(ctx.db, ctx.personal, requireAuth(req).actor, req.params.id, { ip: req.ip }),
    );

    app.put(
      '/admission/applicants/:id',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '修改申请人（带上看到的版本号；已被他人修改时 409）',
          params,
          body: applicantInput.extend({ version: z.number().int().min(1) }),
          response: { 200: applicantItem, ...errorResponses },
        },
      },
      async (req) =>
        updateApplicant(ctx.db, ctx.personal, requireAuth(req).actor, req.params.id, req.body, {
          ip: req.ip,
        }),
    );

    app.delete(
      '/admission/applicants/:id',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '删除申请人（名单公布前）',
          params,
          querystring: z.object({ version: z.coerce.number().int().min(1) }),
          response: { 200: ok, ...errorResponses },
        },
      },
      async (req) => {
        await removeApplicant(ctx.db, requireAuth(req).actor, req.params.id, req.query.version, {
          ip: req.ip,
        });
        return { ok: true as const };
      },
    );

    app.get(
      '/admission/rounds/:id/template.xlsx',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '招生申请导入模板（.xlsx，含本轮学校和类别的下拉列表）',
          params,
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const round = await getRound(ctx.db, auth.actor, req.params.id);
        if (!round.canEdit) {
          throw new AccessError('notAllowed', '只有县教育局可以导入招生申请');
        }
        const bytes = await writeApplicantTemplate({
          title: round.title,
          categories: round.categories,
          schools: round.schools.map((s) => ({ id: s.schoolId, name: s.schoolName, places: s.places })),
        });
        return attachment(reply, bytes, `${round.title}申请名单模板.xlsx`);
      },
    );

    app.post(
      '/admission/rounds/:id/applicants/import',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '导入申请名单（.xlsx，application/octet-stream）：全部正确才写入，错误逐行列出',
          params,
          response: {
            200: z.object({
              file: z.string(),
              created: z.number(),
              firstTicket: z.string().nullable(),
              lastTicket: z.string().nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const round = await getRound(ctx.db, auth.actor, req.params.id);
        if (!round.canEdit) throw new AccessError('notAllowed', '只有县教育局可以导入招生申请');
        const { bytes, name } = uploadedFile(req, '填好的招生申请模板（.xlsx）', '申请名单.xlsx');
        const read = await readApplicantWorkbook(bytes, name, {
          title: round.title,
          categories: round.categories,
          schools: round.schools.map((s) => ({ id: s.schoolId, name: s.schoolName })),
        });
        if (read.errors.length > 0) throw importInvalid(read.errors, name, '申请人');
        try {
          const r = await importApplicants(ctx.db, ctx.personal, auth.actor, round.id, read.rows, {
            ip: req.ip,
            file: name,
          });
          return { file: name, ...r };
        } catch (err) {
          if (err instanceof AccessError && err.code === 'invalidData' && Array.isArray(err.details)) {
            throw importInvalid(
              (err.details as ApplicantRowError[]).map((e) => ({ file: name, sheet: APPLICANT_SHEET, ...e })),
              name,
              '申请人',
            );
          }
          throw err;
        }
      },
    );

    app.get(
      '/admission/rounds/:id/applicants/export.xlsx',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary:
            '导出申请名单（记入审计日志）：县教育局含个人信息和核验码；学校填报员导出录取到本校的学生（含个人信息，不含核验码）；校长导出脱敏名单',
          params,
          querystring: listQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const exp = await exportApplicants(ctx.db, ctx.personal, auth.actor, req.params.id, req.query, {
          ip: req.ip,
          format: 'xlsx',
        });
        const round = await getRound(ctx.db, auth.actor, req.params.id);
        const names = new Map(round.schools.map((s) => [s.schoolId, s.schoolName]));
        const bytes = await writeApplicantExport(exp.round.title, exp.items, names, {
          secrets: exp.secrets,
          personal: exp.personal,
        });
        return attachment(reply, bytes, `${exp.round.title}申请名单.xlsx`);
      },
    );

    app.post(
      '/admission/rounds/:id/commit',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '生成派位名单并公布承诺值：每户一个派位条目，之后申请名单冻结',
          params,
          body: z.object({ version: z.number().int().min(1) }),
          response: {
            200: z.object({
              round: roundDetail,
              draw: z.object({
                id: z.number(),
                commitment: z.string(),
                entryCount: z.number(),
                title: z.string(),
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const r = await commitRoundDraw(
          ctx.db,
          ctx.personal,
          requireAuth(req).actor,
          req.params.id,
          req.body,
          {
            ip: req.ip,
          },
        );
        return {
          round: r.round,
          draw: {
            id: r.draw.id,
            commitment: r.draw.commitment,
            entryCount: r.draw.entryCount,
            title: r.draw.title,
          },
        };
      },
    );

    app.post(
      '/admission/rounds/:id/admit',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '按类别录取（派位之后）：本片区按类别顺序，录不满的类别按派位序号，其余统筹安排',
          params,
          body: z.object({ version: z.number().int().min(1) }),
          response: { 200: results, ...errorResponses },
        },
      },
      async (req) =>
        admitRound(ctx.db, requireAuth(req).actor, req.params.id, req.body, { ip: req.ip, now: ctx.now() }),
    );

    app.get(
      '/admission/rounds/:id/results',
      {
        config: signedIn,
        schema: {
          tags: TAG,
          summary: '录取结果：各校计划数、各类别录取人数、截止类别、是否派位（学校用户只看本校）',
          params,
          response: { 200: results, ...errorResponses },
        },
      },
      async (req) => roundResults(ctx.db, requireAuth(req).actor, req.params.id),
    );
  };
}
