/**
 * @module 招生申请 files: the import template of a round (its schools and categories as drop-downs),
 * the filled-in template imported (all rows correct or nothing written, errors row by row), and the
 * applicants exported (audited; what the user may see of them).
 */
import { writeApplicantExport, writeApplicantTemplate } from '@junheng/io';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { uploadedFile } from '../../platform/upload.js';
import { exportApplicants, importApplicantFile, roundForImport } from './commands/index.js';
import { exportQuery, idParams, importAnswer, TAG } from './schema.js';

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
      const round = await roundForImport(commandContext(ctx, req), req.params);
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
    async (req) =>
      importApplicantFile(commandContext(ctx, req), {
        roundId: req.params.id,
        upload: () => uploadedFile(req, '填好的招生申请模板（.xlsx）', '申请名单.xlsx'),
      }),
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
      const exp = await exportApplicants(commandContext(ctx, req), {
        roundId: req.params.id,
        filters: req.query,
        format: 'xlsx',
      });
      const bytes = await writeApplicantExport(exp.round.title, exp.items, exp.schoolNames, {
        secrets: exp.secrets,
        personal: exp.personal,
      });
      return attachment(reply, bytes, `${exp.round.title}申请名单.xlsx`);
    },
  );
}
