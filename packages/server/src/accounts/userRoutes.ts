/**
 * @module 用户管理 (system administrators) and the audit log. Passwords never leave the server and
 * never enter the audit log.
 */
import { USER_ROLE_NAMES, USER_ROLES } from '@junheng/core';
import {
  checkAuditAnchors,
  createUserAs,
  listAuditEvents,
  listUsers,
  requireAllowed,
  unlockUser,
  updateUser,
  verifyAuditChain,
} from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.js';
import {
  errorResponses,
  nullableTimestamp,
  pageOf,
  paging,
  timestamp,
  userRole,
} from '../platform/schemas.js';
import { requireAuth } from './session.js';

const userRow = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: userRole,
  roleName: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  lockedUntil: nullableTimestamp,
  disabled: z.boolean(),
  createdAt: timestamp,
});

type UserLike = Omit<z.input<typeof userRow>, 'roleName'>;
const withRoleName = (u: UserLike) => ({
  ...u,
  roleName: USER_ROLE_NAMES[u.role as keyof typeof USER_ROLE_NAMES],
});

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };

    app.get(
      '/users',
      {
        config: signedIn,
        schema: {
          tags: ['用户管理'],
          summary: '用户列表',
          querystring: z.object({ q: z.string().max(50).optional(), ...paging }),
          response: { 200: pageOf(userRow), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const page = await listUsers(ctx.db, auth.actor, req.query);
        return { ...page, items: page.items.map(withRoleName) };
      },
    );

    app.post(
      '/users',
      {
        config: signedIn,
        schema: {
          tags: ['用户管理'],
          summary: '新建用户',
          body: z.object({
            username: z.string().min(2).max(64),
            displayName: z.string().min(1).max(64),
            role: z.enum(USER_ROLES as unknown as ['system_admin', ...string[]]),
            regionCode: z.string().max(9).nullable().optional(),
            schoolId: z.string().max(10).nullable().optional(),
            password: z.string().min(1).max(256),
          }),
          response: { 200: userRow, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const user = await createUserAs(ctx.db, auth.actor, {
          ...req.body,
          role: req.body.role as (typeof USER_ROLES)[number],
          now: ctx.now(),
          ip: req.ip,
        });
        return withRoleName(user);
      },
    );

    app.patch(
      '/users/:id',
      {
        config: signedIn,
        schema: {
          tags: ['用户管理'],
          summary: '修改用户：用户名、显示名、停用/启用、重设密码',
          params: z.object({ id: z.coerce.number().int().min(1) }),
          body: z.object({
            username: z.string().min(2).max(64).optional(),
            displayName: z.string().min(1).max(64).optional(),
            disabled: z.boolean().optional(),
            password: z.string().min(1).max(256).optional(),
          }),
          response: { 200: userRow, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return withRoleName(
          await updateUser(ctx.db, auth.actor, req.params.id, req.body, { ip: req.ip, now: ctx.now() }),
        );
      },
    );

    app.post(
      '/users/:id/unlock',
      {
        config: signedIn,
        schema: {
          tags: ['用户管理'],
          summary: '解锁：结束该用户名因连续输错密码而暂停登录的状态（所有来源地址）',
          params: z.object({ id: z.coerce.number().int().min(1) }),
          response: { 200: userRow, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return withRoleName(
          await unlockUser(ctx.db, auth.actor, req.params.id, { ip: req.ip, now: ctx.now() }),
        );
      },
    );

    app.get(
      '/audit',
      {
        config: signedIn,
        schema: {
          tags: ['审计'],
          summary: '审计日志（最新的在前）',
          querystring: z.object({
            entity: z.string().max(64).optional(),
            actor: z.string().max(64).optional().describe('用户名（不区分大小写；system 为系统）'),
            action: z.string().max(64).optional().describe('动作，如 report.submit'),
            from: z.string().max(10).optional().describe('开始日期 YYYY-MM-DD（北京时间，含当天）'),
            to: z.string().max(10).optional().describe('结束日期 YYYY-MM-DD（北京时间，含当天）'),
            ...paging,
          }),
          response: {
            200: pageOf(
              z.object({
                id: z.number(),
                at: timestamp,
                actorId: z.number().nullable(),
                actor: z.string(),
                actorName: z.string().nullable(),
                action: z.string(),
                entity: z.string(),
                entityId: z.string().nullable(),
                before: z.unknown(),
                after: z.unknown(),
                reason: z.string().nullable(),
                ip: z.string().nullable(),
                hash: z.string(),
              }),
            ),
            ...errorResponses,
          },
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
          tags: ['审计'],
          summary: '校验审计日志的哈希链，并核对签名检查点（及给定的哈希）',
          querystring: z.object({
            expectHead: z
              .string()
              .regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制哈希')
              .optional()
              .describe('县里另行记下的哈希：链中必须仍包含它'),
          }),
          response: {
            200: z.object({
              ok: z.boolean(),
              events: z.number(),
              lastHash: z.string(),
              firstBad: z
                .object({ id: z.number(), kind: z.enum(['hash', 'link']), reason: z.string() })
                .optional()
                .describe('第一条校验不通过的审计记录：hash 内容被改动，link 前后链接断开'),
              anchors: z
                .object({
                  ok: z.boolean(),
                  checkpoints: z.number(),
                  latest: z
                    .object({ at: timestamp, seq: z.number(), hash: z.string(), line: z.string() })
                    .optional(),
                  problems: z.array(z.string()),
                })
                .optional(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        requireAllowed(auth.actor, 'export', { kind: 'auditLog', regionCode: '' }, '没有找到审计日志');
        const v = await verifyAuditChain(ctx.db);
        if (!ctx.auditAnchors) return v;
        const a = await checkAuditAnchors(ctx.db, { ...ctx.auditAnchors, expectHead: req.query.expectHead });
        const anchors = { ok: a.ok, checkpoints: a.checkpoints, latest: a.latest, problems: a.problems };
        return { ...v, ok: v.ok && a.ok, anchors };
      },
    );
  };
}
