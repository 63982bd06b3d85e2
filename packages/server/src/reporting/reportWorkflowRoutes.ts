/**
 * @module 数据填报 workflow: submit, return (with comments), approve, reopen, lock, unlock, remind
 * (催报) and the bureau's proxy submit of one report.
 */
import { type ReportAction, reportField } from '@junheng/core';
import { getReport, type ReportKey, transitionReport } from '@junheng/db';
import type { z } from 'zod';
import { type AuthContext, requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { rejectIssues, withActions, withConflictDetails } from './reportKit.js';
import { reportSchema, reportTags, type WORKFLOW_ACTIONS, workflowBody, workflowParams } from './schema.js';

/**
 * What is checked before the action: a submit's data (only the version being submitted; a stale one
 * ends in the command's conflict), and that each comment names a field of the form.
 */
async function checkAction(
  ctx: AppContext,
  auth: AuthContext,
  action: (typeof WORKFLOW_ACTIONS)[number],
  key: ReportKey,
  body: z.infer<typeof workflowBody>,
): Promise<void> {
  if (action === 'submit' || action === 'proxySubmit') {
    const current = await getReport(ctx.db, auth.actor, key);
    if (current.version === body.version) rejectIssues(current.data, true);
  }
  for (const c of body.comments ?? []) {
    if (c.field !== '' && !reportField(c.field)) {
      throw new ApiError(400, 'invalidRequest', `意见所指的填报项“${c.field}”不存在：请从表中的项目选择`);
    }
  }
}

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
      const auth = requireAuth(req);
      const { action, ...key } = req.params;
      await checkAction(ctx, auth, action, key, req.body);
      const r = await withConflictDetails(ctx, key, () =>
        transitionReport(ctx.db, auth.actor, {
          ...key,
          action: action as Exclude<ReportAction, 'save' | 'proxySave'>,
          expectedVersion: req.body.version,
          reason: req.body.reason,
          comments: req.body.comments,
          ip: req.ip,
        }),
      );
      reply.header('etag', `"v${r.version}"`);
      return withActions(auth, r);
    },
  );
}
