/**
 * @module 均衡分班: a school's entrants of one grade (imported from the 新生名单 template, entered as
 * JSON, or the demo cohort), placed into N classes by core's local search and compared with the
 * snake draft; published with masked names (downloadable .xlsx); head teachers drawn with the
 * verifiable lottery. Access and rules: packages/db/src/admission/classes/classPlacements.ts.
 */
import { demoCohort, demoNames, type EntrantInput, MAX_CLASSES, MAX_ENTRANTS } from '@junheng/core';
import {
  createHeadTeacherDraw,
  createPlacement,
  getPlacement,
  headTeacherTable,
  listPlacements,
  publishPlacement,
  requireAllowed,
  runPlacement,
  schoolPlace,
} from '@junheng/db';
import { importEntrantsBuffer, writeClassListsWorkbook, writeEntrantTemplate } from '@junheng/io';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { ApiError } from '../../platform/errors.js';
import { errorResponses, schoolId, stage, year } from '../../platform/schemas.js';
import { importInvalid, uploadedFile } from '../../platform/upload.js';
import {
  classCount,
  entrant,
  gradeLabel,
  headTeacherTableSchema,
  placementId,
  summary,
  view,
} from './schema.js';

/** The demo cohort of a school: fictional names, scores for 初中 only. */
function demoEntrants(students: number, seed: string, withScores: boolean): EntrantInput[] {
  const cohort = demoCohort({ students, seed, scores: withScores });
  const names = demoNames(students, seed);
  const code = new Map<string, { t?: string; a?: string }>();
  cohort.constraints.together.forEach((g, i) => {
    for (const id of g) code.set(id, { t: `A${i + 1}` });
  });
  cohort.constraints.apart.forEach((p, i) => {
    for (const id of p) code.set(id, { a: `B${i + 1}` });
  });
  return cohort.students.map((s, i) => ({
    name: names[i]!,
    gender: s.gender,
    score: s.score ?? null,
    specialNeeds: s.specialNeeds === true,
    leftBehind: s.leftBehind === true,
    togetherCode: code.get(s.id)?.t ?? null,
    apartCode: code.get(s.id)?.a ?? null,
  }));
}

export function classRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };
    const tags = ['均衡分班'];

    app.get(
      '/classes',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '分班方案列表（学校用户只见本校；最新的在前）',
          querystring: z.object({ year: year.optional(), schoolId: schoolId.optional() }),
          response: { 200: z.array(summary), ...errorResponses },
        },
      },
      async (req) => listPlacements(ctx.db, requireAuth(req).actor, req.query),
    );

    app.get(
      '/classes/template.xlsx',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '新生名单 Excel 模板（姓名、性别、入学成绩、随班就读、留守儿童、同班组、分开组）',
        },
      },
      async (req, reply) => {
        requireAuth(req);
        return attachment(reply, await writeEntrantTemplate(), '新生名单模板.xlsx');
      },
    );

    app.post(
      '/classes',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '新建分班方案（录入的新生名单，或 demo 演示名单）；姓名加密保存',
          body: z.object({
            schoolId,
            year: z.number().int().min(2000).max(2100),
            stage: stage.optional(),
            gradeLabel: gradeLabel.optional(),
            classCount: z.number().int().min(1).max(MAX_CLASSES),
            classNames: z.array(z.string().max(30)).max(MAX_CLASSES).optional(),
            seed: z.string().min(1).max(64).optional(),
            entrants: z.array(entrant).max(MAX_ENTRANTS).optional(),
            demo: z
              .object({ students: z.number().int().min(2).max(1000) })
              .optional()
              .describe('用演示新生名单（虚构姓名）'),
          }),
          response: { 200: view, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const b = req.body;
        if ((b.entrants === undefined) === (b.demo === undefined))
          throw new ApiError(
            400,
            'invalidRequest',
            '请给出新生名单（entrants）或选择演示名单（demo），二者选一',
          );
        let entrants = b.entrants as EntrantInput[] | undefined;
        if (b.demo) {
          const type = (await schoolPlace(ctx.db, b.schoolId))?.type;
          const junior = b.stage ? b.stage === 'junior' : type === 'junior' || type === 'completeMiddle';
          entrants = demoEntrants(b.demo.students, `${b.schoolId}-${b.year}-${b.demo.students}`, junior);
        }
        return createPlacement(
          ctx.db,
          ctx.personal,
          auth.actor,
          { ...b, entrants: entrants! },
          { ip: req.ip },
        );
      },
    );

    app.post(
      '/classes/import',
      {
        config: signedIn,
        schema: {
          tags,
          summary:
            '导入新生名单（.xlsx/.csv，application/octet-stream，文件名放 X-File-Name）并新建分班方案；有错误时 422，不写入',
          querystring: z.object({
            schoolId,
            year,
            classCount,
            stage: stage.optional(),
            gradeLabel: gradeLabel.optional(),
          }),
          response: { 200: view.extend({ warnings: z.array(z.string()) }), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        // Refuse before reading the file when the school is not the user's to place.
        const school = await schoolPlace(ctx.db, req.query.schoolId);
        const notFound = `没有找到学校 ${req.query.schoolId}，或您无权进行该校的均衡分班`;
        if (!school) throw new ApiError(404, 'notFound', notFound);
        requireAllowed(
          auth.actor,
          'edit',
          { kind: 'admissionPlan', regionCode: school.regionCode, schoolId: req.query.schoolId },
          notFound,
        );
        const { bytes, name } = uploadedFile(req, '填好的新生名单（.xlsx 或 .csv）');
        const read = await importEntrantsBuffer(bytes, name);
        if (read.errors.length > 0 || !read.entrants) throw importInvalid(read.errors, name, '学生');
        const created = await createPlacement(
          ctx.db,
          ctx.personal,
          auth.actor,
          { ...req.query, entrants: read.entrants },
          { ip: req.ip },
        );
        return { ...created, warnings: read.warnings };
      },
    );

    app.get(
      '/classes/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '一个分班方案：脱敏名单、均衡报告、各班名单',
          params: placementId,
          response: { 200: view, ...errorResponses },
        },
      },
      async (req) => getPlacement(ctx.db, requireAuth(req).actor, req.params.id),
    );

    app.post(
      '/classes/:id/run',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '开始分班（或按新的班级数、班级名称、随机种子重新分班），并与蛇形分班对比',
          params: placementId,
          body: z.object({
            version: z.number().int().min(1),
            classCount: z.number().int().min(1).max(MAX_CLASSES).optional(),
            classNames: z.array(z.string().max(30)).max(MAX_CLASSES).optional(),
            seed: z.string().min(1).max(64).optional(),
          }),
          response: { 200: view, ...errorResponses },
        },
      },
      async (req) => {
        const { version, ...rest } = req.body;
        return runPlacement(
          ctx.db,
          requireAuth(req).actor,
          req.params.id,
          { expectedVersion: version, ...rest },
          {
            ip: req.ip,
          },
        );
      },
    );

    app.post(
      '/classes/:id/publish',
      {
        config: signedIn,
        schema: {
          tags,
          summary:
            '公示分班结果（各班名单只显示脱敏姓名）；公示后为最终结果，不能再重新分班；每校每学段每年只公示一个方案',
          params: placementId,
          body: z.object({ version: z.number().int().min(1) }),
          response: { 200: view, ...errorResponses },
        },
      },
      async (req) =>
        publishPlacement(
          ctx.db,
          requireAuth(req).actor,
          req.params.id,
          { expectedVersion: req.body.version },
          {
            ip: req.ip,
          },
        ),
    );

    app.get(
      '/classes/:id/lists.xlsx',
      {
        config: signedIn,
        schema: { tags, summary: '已公示的各班名单（.xlsx，脱敏姓名）', params: placementId },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const p = await getPlacement(ctx.db, auth.actor, req.params.id);
        requireAllowed(
          auth.actor,
          'export',
          {
            kind: 'admissionPlan',
            regionCode: p.countyCode,
            schoolId: p.schoolId,
            published: p.status === 'published',
          },
          `没有找到分班方案 ${req.params.id}，或您无权查看`,
        );
        if (p.status !== 'published' || !p.classLists)
          throw new ApiError(409, 'wrongState', '分班结果尚未公示：公示后才能下载公示名单');
        const teachers = await headTeacherTable(ctx.db, auth.actor, p.id);
        const teacherOf = new Map((teachers?.rows ?? []).map((r) => [r.className, r.teacher]));
        const bytes = await writeClassListsWorkbook({
          schoolName: p.schoolName,
          year: p.year,
          gradeLabel: p.gradeLabel,
          classes: p.classLists.map((c) => ({
            name: c.name,
            headTeacher: teacherOf.get(c.name) ?? null,
            students: c.students,
          })),
          figures: p.report?.classes.map((c) => ({
            name: c.name,
            size: c.size,
            meanScore: c.meanScore,
            male: c.male,
            female: c.female,
          })),
        });
        await auditExport(ctx, auth, req, {
          action: 'export.classPlacement.lists',
          entity: 'class_placement',
          entityId: String(p.id),
          after: { masked: true, students: p.studentCount, bytes: bytes.length },
        });
        return attachment(reply, bytes, `${p.schoolName}${p.year}年${p.gradeLabel}分班名单.xlsx`);
      },
    );

    app.get(
      '/classes/:id/head-teachers',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '班主任派位：参加派位的教师，派位后各班班主任（未建立派位时为 null）',
          params: placementId,
          response: { 200: headTeacherTableSchema, ...errorResponses },
        },
      },
      async (req) => headTeacherTable(ctx.db, requireAuth(req).actor, req.params.id),
    );

    app.post(
      '/classes/:id/head-teachers',
      {
        config: signedIn,
        schema: {
          tags,
          summary:
            '建立班主任派位（仅限已公示的分班方案，每个方案一次，不能更换；每班一名教师，以教师姓名为编号），在电脑派位页面当众派位',
          params: placementId,
          body: z.object({
            version: z.number().int().min(1),
            teachers: z.array(z.string().max(20)).min(1).max(MAX_CLASSES),
          }),
          response: { 200: z.object({ drawId: z.number(), version: z.number() }), ...errorResponses },
        },
      },
      async (req) =>
        createHeadTeacherDraw(
          ctx.db,
          requireAuth(req).actor,
          req.params.id,
          { expectedVersion: req.body.version, teachers: req.body.teachers },
          { ip: req.ip },
        ),
    );
  };
}
