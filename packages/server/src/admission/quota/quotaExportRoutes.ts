/**
 * @module 指标到校 download: an allocation's calculation as .xlsx (export right checked, audited).
 */
import { writeQuotaWorkbook } from '@junheng/io';
import { requireAuth } from '../../accounts/session.js';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { quotaForExport } from './commands.js';
import { quotaId, tags } from './schema.js';

export function quotaExportRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/quota/:id/table.xlsx',
    {
      config: signedIn,
      schema: { tags, summary: '指标到校计算表（.xlsx，中文列名，名额为整数）', params: quotaId },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const { quota: q, countyName } = await quotaForExport(commandContext(ctx, req), req.params);
      const bytes = await writeQuotaWorkbook({
        countyName,
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
}
