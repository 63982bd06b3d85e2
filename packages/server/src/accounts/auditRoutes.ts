/**
 * @module 审计: the audit log (newest first) and the check of its hash chain with the signed
 * checkpoints.
 */
import { checkAuditAnchors, listAuditEvents, requireAllowed, verifyAuditChain } from '@junheng/db';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { auditPage, auditQuery, auditVerification, auditVerifyQuery } from './schema.js';
import { requireAuth } from './session.js';

const tags = ['审计'];

/** The chain checked, and — when the server keeps checkpoints — the checkpoints and the given hash. */
async function verifyAudit(ctx: AppContext, expectHead: string | undefined) {
  const v = await verifyAuditChain(ctx.db);
  if (!ctx.auditAnchors) return v;
  const a = await checkAuditAnchors(ctx.db, { ...ctx.auditAnchors, expectHead });
  const anchors = { ok: a.ok, checkpoints: a.checkpoints, latest: a.latest, problems: a.problems };
  return { ...v, ok: v.ok && a.ok, anchors };
}

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
    async (req) => {
      const auth = requireAuth(req);
      return listAuditEvents(ctx.db, auth.actor, req.query);
    },
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
    async (req) => {
      const auth = requireAuth(req);
      requireAllowed(auth.actor, 'export', { kind: 'auditLog', regionCode: '' }, '没有找到审计日志');
      return verifyAudit(ctx, req.query.expectHead);
    },
  );
}
