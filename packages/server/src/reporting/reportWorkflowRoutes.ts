/**
 * @module 数据填报 workflow: submit, return (with comments), approve, reopen, lock, unlock, remind
 * (催报) and the bureau's proxy submit of one report.
 */
import type { ReportAction } from '@junheng/core';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { runReportAction } from './commands/index.js';
import { presentReport } from './present.js';
import { reportSchema, reportTags, workflowBody, workflowParams } from './schema.js';

export function reportWorkflowRoutes(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/reports/:schoolId/:year/:stage/:action',
    {
      config: signedIn,
      schema: {
        tags: reportTags,
        summary:
          '流程操作：提交、退回（需逐项意见）、通过、重新打开（需理由）、锁定、解锁（需理由）、催报（reason 为催报内容）、代为提交（教育局，需理由）',
        params: workflowParams,
        body: workflowBody,
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = commandContext(ctx, req);
      const { action, ...key } = req.params;
      const r = await runReportAction(c, {
        ...key,
        action: action as Exclude<ReportAction, 'save' | 'proxySave'>,
        version: req.body.version,
        reason: req.body.reason,
        comments: req.body.comments,
      });
      reply.header('etag', `"v${r.version}"`);
      return presentReport(c.actor, r);
    },
  );
}
