/**
 * @module 招生申请 files: the import template of a round (its schools and categories as drop-downs),
 * the filled-in template imported (all rows correct or nothing written, errors row by row), and the
 * applicants exported (audited; what the user may see of them).
 */
import type { Actor } from '@junheng/core';
import {
  AccessError,
  type ApplicantRowError,
  exportApplicants,
  getRound,
  importApplicants,
} from '@junheng/db';
import {
  APPLICANT_SHEET,
  readApplicantWorkbook,
  writeApplicantExport,
  writeApplicantTemplate,
} from '@junheng/io';
import type { FastifyRequest } from 'fastify';
import { type AuthContext, requireAuth } from '../../accounts/session.js';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { importInvalid, uploadedFile } from '../../platform/upload.js';
import { exportQuery, idParams, importAnswer, TAG } from './schema.js';

/** A round the user may import into (the county bureau's), else 403. */
async function editableRound(ctx: AppContext, actor: Actor, id: number) {
  const round = await getRound(ctx.db, actor, id);
  if (!round.canEdit) throw new AccessError('notAllowed', '只有县教育局可以导入招生申请');
  return round;
}

/**
 * The uploaded template read and imported into the round: the reader's errors, and the rows the
 * database refuses (a ticket or ID number twice), as one list of row errors (422).
 */
async function importApplicantFile(ctx: AppContext, auth: AuthContext, req: FastifyRequest, id: number) {
  const round = await editableRound(ctx, auth.actor, id);
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
}

export function applicantFileRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/admission/rounds/:id/template.xlsx',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '招生申请导入模板（.xlsx，含本轮学校和类别的下拉列表）',
        params: idParams,
      },
    },
    async (req, reply) => {
      const round = await editableRound(ctx, requireAuth(req).actor, req.params.id);
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
        params: idParams,
        response: { 200: importAnswer, ...errorResponses },
      },
    },
    async (req) => importApplicantFile(ctx, requireAuth(req), req, req.params.id),
  );

  app.get(
    '/admission/rounds/:id/applicants/export.xlsx',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary:
          '导出申请名单（记入审计日志）：县教育局含个人信息和核验码；学校填报员导出录取到本校的学生（含个人信息，不含核验码）；校长导出脱敏名单',
        params: idParams,
        querystring: exportQuery,
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
}
