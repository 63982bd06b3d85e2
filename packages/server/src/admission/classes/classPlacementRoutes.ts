/**
 * @module 均衡分班 one placement: read it, run (or rerun) the placement, publish it, and download the
 * published class lists (.xlsx, masked names, audited).
 */
import type { Actor } from '@junheng/core';
import { getPlacement, headTeacherTable, publishPlacement, requireAllowed, runPlacement } from '@junheng/db';
import { writeClassListsWorkbook } from '@junheng/io';
import { requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { ApiError } from '../../platform/errors.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses, versionBody } from '../../platform/schemas.js';
import { placementId, runBody, tags, view } from './schema.js';

type Placement = Awaited<ReturnType<typeof getPlacement>>;

/** The published class lists as a workbook: each class with its head teacher once drawn, and its figures. */
async function classListsWorkbook(
  ctx: AppContext,
  actor: Actor,
  p: Placement,
  classLists: NonNullable<Placement['classLists']>,
) {
  const teachers = await headTeacherTable(ctx.db, actor, p.id);
  const teacherOf = new Map((teachers?.rows ?? []).map((r) => [r.className, r.teacher]));
  return writeClassListsWorkbook({
    schoolName: p.schoolName,
    year: p.year,
    gradeLabel: p.gradeLabel,
    classes: classLists.map((c) => ({
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
}

export function classPlacementRoutes(app: RouteApp, ctx: AppContext): void {
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
        body: runBody,
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
        { ip: req.ip },
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
        body: versionBody,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) =>
      publishPlacement(
        ctx.db,
        requireAuth(req).actor,
        req.params.id,
        { expectedVersion: req.body.version },
        { ip: req.ip },
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
      const bytes = await classListsWorkbook(ctx, auth.actor, p, p.classLists);
      await auditExport(ctx, auth, req, {
        action: 'export.classPlacement.lists',
        entity: 'class_placement',
        entityId: String(p.id),
        after: { masked: true, students: p.studentCount, bytes: bytes.length },
      });
      return attachment(reply, bytes, `${p.schoolName}${p.year}年${p.gradeLabel}分班名单.xlsx`);
    },
  );
}
