/**
 * @module 审计: the audit log (newest first) and the check of its hash chain with the signed
 * checkpoints.
 */
import { listAuditEvents, verifyAudit } from '../audit/commands.js';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { auditPage, auditQuery, auditVerification, auditVerifyQuery } from './schema.js';

const tags = ['审计'];

export function auditRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/audit',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '审计日志（最新的在前）',
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses },
      },
    },
    async (req) => listAuditEvents(commandContext(ctx, req), req.query),
  );

  app.get(
    '/audit/verify',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '校验审计日志的哈希链，并核对签名检查点（及给定的哈希）',
        querystring: auditVerifyQuery,
        response: { 200: auditVerification, ...errorResponses },
      },
    },
    async (req) =>
      verifyAudit(commandContext(ctx, req), { anchors: ctx.auditAnchors, expectHead: req.query.expectHead }),
  );
}
