/**
 * @module 招生申请 (issue 5): admission rounds (categories in priority order, planned places), their
 * applicants (masked lists; a full record or an export is a personal-data read, audited), the
 * Excel template and import (all or nothing, every error with row, column, value and fix), the
 * round's ONE lottery draw (commit), admission by category after the draw, and the results.
 *
 * Access is decided in @junheng/db (admissionRounds.ts, applicants.ts): the county's bureau
 * manages everything; inspectors and city users read rounds and per-school results (no child's
 * data: 403); a school user reads the children placed at its school once the round is admitted.
 */
import { SPECIAL_NEEDS } from '@junheng/core';
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
import {
  countyCode,
  errorResponses,
  nullableTimestamp,
  ok,
  pageOf,
  paging,
  schoolId,
  stage,
  timestamp,
  year,
} from '../../platform/schemas.js';
import { importInvalid, uploadedFile } from '../../platform/upload.js';

const TAG = ['招生申请'];
const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const category = z.object({
  id: z.string().max(32).describe('类别标识，如 hukouProperty'),
  name: z.string().max(20).describe('类别名称，如 户籍与房产一致'),
  migrantGuarantee: z.boolean().describe('随迁子女保障：满足条件的保障安排公办学位'),
});
const placesInput = z.array(z.object({ schoolId, places: z.number().int().min(0).max(100000) })).max(2000);
const roundStatus = z
  .enum(['open', 'committed', 'admitted'])
  .describe('open 报名中，committed 名单已公布，admitted 已录取');

const roundSummary = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number(),
  stage,
  title: z.string(),
  status: roundStatus,
  drawId: z.number().nullable(),
  applicantCount: z.number(),
  placesTotal: z.number(),
  version: z.number(),
  updatedAt: timestamp,
});
const roundDetail = roundSummary.extend({
  categories: z.array(category),
  siblingPriority: z.boolean(),
  schools: z.array(
    z.object({
      schoolId: z.string(),
      schoolName: z.string(),
      group: z.string(),
      places: z.number(),
      zoneApplicants: z.number(),
    }),
  ),
  familyCount: z.number(),
  drawStatus: z.enum(['committed', 'drawn']).nullable(),
  admittedAt: nullableTimestamp,
  updatedByName: z.string().nullable(),
  canEdit: z.boolean(),
  canViewApplicants: z.boolean(),
  canViewPersonal: z
    .boolean()
    .describe(
      '可查看儿童完整信息并导出含个人信息的名单（县教育局；学校填报员限录取到本校的学生），否则只有脱敏名单',
    ),
});

const placementHow = z.enum(['zone', 'lottery', 'assigned', 'migrantGuarantee', 'pending']);
const specialNeeds = z.enum(
  SPECIAL_NEEDS as unknown as ['learningInClass', 'specialSchool', 'homeTeaching', 'other'],
);
const applicantItem = z.object({
  id: z.number(),
  roundId: z.number(),
  ticket: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  guardianNameMasked: z.string(),
  phoneMasked: z.string(),
  gender: z.enum(['male', 'female']),
  birthMonth: z.string(),
  areaName: z.string().nullable(),
  zoneSchoolId: z.string().nullable(),
  zoneSchoolName: z.string().nullable(),
  category: z.string(),
  categoryName: z.string(),
  migrantEligible: z.boolean(),
  specialNeeds: specialNeeds.nullable(),
  siblingAtSchool: z.boolean(),
  familyKey: z.string().nullable(),
  choices: z.array(z.string()),
  placementSchoolId: z.string().nullable(),
  placementSchoolName: z.string().nullable(),
  placementHow: placementHow.nullable(),
  placementLabel: z.string().nullable(),
  lotteryRank: z.number().nullable(),
  version: z.number(),
  updatedAt: timestamp,
});
const applicantDetail = applicantItem.extend({
  name: z.string(),
  idNumber: z.string(),
  guardianName: z.string(),
  phone: z.string(),
  address: z.string().nullable(),
  specialNeedsNote: z.string().nullable(),
  secret: z
    .string()
    .nullable()
    .describe('核验码：家长用派位编号和核验码在公示页核对自己的派位条目；只给县教育局（学校用户为 null）'),
  lotteryTicket: z.string().describe('派位编号：同户多胞胎共用第一个申请编号'),
});

const applicantInput = z.object({
  name: z.string().max(40),
  idNumber: z.string().max(30),
  gender: z.enum(['male', 'female']).nullable().optional(),
  guardianName: z.string().max(40),
  phone: z.string().max(30),
  address: z.string().max(200).nullable().optional(),
  areaName: z.string().max(60).nullable().optional(),
  zoneSchoolId: schoolId.nullable(),
  category: z.string().max(32),
  migrantEligible: z.boolean().default(false),
  specialNeeds: specialNeeds.nullable().default(null),
  specialNeedsNote: z.string().max(300).nullable().optional(),
  siblingAtSchool: z.boolean().default(false),
  familyKey: z.string().max(40).nullable().default(null),
  choices: z.array(schoolId).max(5).default([]),
});

const cutOff = z.object({ categoryId: z.string(), siblings: z.boolean().nullable() }).nullable();
const results = z.object({
  round: roundDetail,
  schools: z.array(
    z.object({
      schoolId: z.string(),
      schoolName: z.string(),
      group: z.string(),
      capacity: z.number(),
      zoneApplicants: z.number(),
      admittedByCategory: z.record(z.string(), z.number()),
      zoneAdmitted: z.number(),
      refused: z.number(),
      assigned: z.number(),
      migrantGuaranteed: z.number(),
      seatsLeft: z.number(),
      cutOff,
      lotteryUsed: z.boolean(),
    }),
  ),
  pending: z.number().nullable(),
  migrants: z.object({ eligible: z.number(), placed: z.number() }).nullable(),
  choiceComparison: z
    .object({
      basis: z.literal('seatsLeftForAssignment'),
      applicants: z.number(),
      seats: z.number(),
      rows: z.array(
        z.object({
          mechanism: z.enum(['deferred-acceptance', 'boston']),
          name: z.string(),
          label: z.string(),
          strategyProof: z.boolean(),
          placed: z.number(),
          firstChoice: z.number(),
          unplaced: z.number(),
          envyApplicants: z.number(),
          justifiedEnvyPairs: z.number(),
        }),
      ),
    })
    .nullable()
    .describe(
      '志愿录取方式对比：本片区未录取且填报志愿的儿童，在统筹剩余学位上分别按延迟接受（本系统）与按志愿顺序录取（先一志愿）计算；null = 未录取或学校用户',
    ),
});

const listQuery = z.object({
  zoneSchoolId: schoolId.optional(),
  placementSchoolId: schoolId.optional(),
  category: z.string().max(32).optional(),
  status: z.enum(['unplaced', 'placed', 'pending', 'migrant', 'special']).optional(),
  q: z.string().max(100).optional(),
  page: paging.page,
  pageSize: paging.pageSize,
});

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
