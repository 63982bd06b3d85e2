/**
 * @module 督导评估 downloads: a run's result as an Excel workbook and the 自评报告 as Word, each
 * needing the export right and audited.
 */
import { writeResultReport, writeResultWorkbook } from '@junheng/io';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireAuth } from '../accounts/session.js';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { attachment, auditExport } from '../platform/download.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { runForExport } from './runQueries.js';
import { runId, tags } from './schema.js';

const STANDARD_FILE_NAMES = { basic: '基本均衡', quality: '优质均衡' } as const;

/** One run's download in a format: the export right checked, the file written and audited. */
async function runReport(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  id: number,
  format: 'xlsx' | 'docx',
) {
  const auth = requireAuth(req);
  const run = await runForExport(commandContext(ctx, req), { id });
  const result = run.result as Parameters<typeof writeResultReport>[0];
  const bytes = format === 'xlsx' ? await writeResultWorkbook(result) : await writeResultReport(result);
  await auditExport(ctx, auth, req, {
    action: `export.evaluation.${format}`,
    entity: 'evaluation_run',
    entityId: String(run.id),
    after: { format, bytes: bytes.length, inputsSha256: run.inputsSha256 },
  });
  const name = `${run.countyName}${run.year}学年${STANDARD_FILE_NAMES[run.standard as 'basic' | 'quality'] ?? ''}${format === 'xlsx' ? '评估结果.xlsx' : '自评报告.docx'}`;
  return attachment(reply, bytes, name);
}

export function evaluationReportRoutes(app: RouteApp, ctx: AppContext): void {
  for (const format of ['xlsx', 'docx'] as const) {
    app.get(
      `/evaluations/:id/report.${format}`,
      {
        config: signedIn,
        schema: {
          tags,
          summary: format === 'xlsx' ? '下载评估结果 Excel' : '下载自评报告 Word',
          params: runId,
        },
      },
      async (req, reply) => runReport(ctx, req, reply, req.params.id, format),
    );
  }
}
