/**
 * @module 均衡分班 placements listed and created: the list, the 新生名单 template, a new placement
 * from entrants given as JSON or the demo cohort, and one from an imported 新生名单.
 */
import { demoCohort, demoNames, type EntrantInput } from '@junheng/core';
import { createPlacement, listPlacements, requireAllowed, schoolPlace } from '@junheng/db';
import { importEntrantsBuffer, writeEntrantTemplate } from '@junheng/io';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AuthContext, requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { ApiError } from '../../platform/errors.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { importInvalid, uploadedFile } from '../../platform/upload.js';
import {
  importAnswer,
  importQuery,
  newPlacementBody,
  placementListQuery,
  summary,
  tags,
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

/** The entrants of a new placement: the ones given, or the demo cohort (one of the two, else 400). */
async function entrantsOf(ctx: AppContext, b: z.infer<typeof newPlacementBody>): Promise<EntrantInput[]> {
  if ((b.entrants === undefined) === (b.demo === undefined))
    throw new ApiError(400, 'invalidRequest', '请给出新生名单（entrants）或选择演示名单（demo），二者选一');
  let entrants = b.entrants as EntrantInput[] | undefined;
  if (b.demo) {
    const type = (await schoolPlace(ctx.db, b.schoolId))?.type;
    const junior = b.stage ? b.stage === 'junior' : type === 'junior' || type === 'completeMiddle';
    entrants = demoEntrants(b.demo.students, `${b.schoolId}-${b.year}-${b.demo.students}`, junior);
  }
  return entrants!;
}

/**
 * A placement from an uploaded 新生名单: refused before the file is read when the school is not the
 * user's to place; the reader's errors as 422; its warnings in the answer.
 */
async function importPlacement(
  ctx: AppContext,
  auth: AuthContext,
  req: FastifyRequest,
  query: z.infer<typeof importQuery>,
) {
  const school = await schoolPlace(ctx.db, query.schoolId);
  const notFound = `没有找到学校 ${query.schoolId}，或您无权进行该校的均衡分班`;
  if (!school) throw new ApiError(404, 'notFound', notFound);
  requireAllowed(
    auth.actor,
    'edit',
    { kind: 'admissionPlan', regionCode: school.regionCode, schoolId: query.schoolId },
    notFound,
  );
  const { bytes, name } = uploadedFile(req, '填好的新生名单（.xlsx 或 .csv）');
  const read = await importEntrantsBuffer(bytes, name);
  if (read.errors.length > 0 || !read.entrants) throw importInvalid(read.errors, name, '学生');
  const created = await createPlacement(
    ctx.db,
    ctx.personal,
    auth.actor,
    { ...query, entrants: read.entrants },
    { ip: req.ip },
  );
  return { ...created, warnings: read.warnings };
}

export function classCreateRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/classes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '分班方案列表（学校用户只见本校；最新的在前）',
        querystring: placementListQuery,
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
        body: newPlacementBody,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      const entrants = await entrantsOf(ctx, req.body);
      return createPlacement(ctx.db, ctx.personal, auth.actor, { ...req.body, entrants }, { ip: req.ip });
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
        querystring: importQuery,
        response: { 200: importAnswer, ...errorResponses },
      },
    },
    async (req) => importPlacement(ctx, requireAuth(req), req, req.query),
  );
}
