/**
 * @module 审核 in bulk (POST /api/reports/batch): approve, return (one reason for all) or chase
 * (催报) many reports in one request, each through the single action's command (commands/
 * reportBatch.ts), with a per-report result and a dry run for the confirmation.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { batchReports } from './commands/index.js';
import { presentBatch } from './present.js';
import { batchAnswer, batchBody, reportTags } from './schema.js';

/** The batch route. */
export function reportBatchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/reports/batch',
      {
        config: signedIn,
        schema: {
          tags: reportTags,
          summary:
            '批量审核通过、退回（需理由）或催报（需内容）：逐份按单份操作的规则办理，逐份给出结果；dryRun 只检查不写入',
          body: batchBody,
          response: { 200: batchAnswer, ...errorResponses },
        },
      },
      async (req) => {
        const outcomes = await batchReports(commandContext(ctx, req), req.body);
        return presentBatch(req.body.action, req.body.dryRun === true, outcomes);
      },
    );
  };
}
