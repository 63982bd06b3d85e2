/**
 * @module 用户管理 (system administrators) and the audit log (auditRoutes.ts). Passwords never leave
 * the server and never enter the audit log. schema.ts holds the routes' schemas.
 */
import { USER_ROLE_NAMES, type USER_ROLES } from '@junheng/core';
import { createUserAs, listUsers, unlockUser, updateUser } from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses, pageOf } from '../platform/schemas.js';
import { auditRoutes } from './auditRoutes.js';
import { newUserBody, userChangesBody, userId, userListQuery, userRow } from './schema.js';
import { requireAuth } from './session.js';

const tags = ['用户管理'];

type UserLike = Omit<z.input<typeof userRow>, 'roleName'>;
const withRoleName = (u: UserLike) => ({
  ...u,
  roleName: USER_ROLE_NAMES[u.role as keyof typeof USER_ROLE_NAMES],
});

/** The user routes, then the audit routes (the order of the API contract). */
export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    userAdminRoutes(app, ctx);
    auditRoutes(app, ctx);
  };
}

/** The users: list, new, changed (name, disabled, password), unlocked. */
function userAdminRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/users',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '用户列表',
        querystring: userListQuery,
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
        tags,
        summary: '新建用户',
        body: newUserBody,
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
        tags,
        summary: '修改用户：用户名、显示名、停用/启用、重设密码',
        params: userId,
        body: userChangesBody,
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
        tags,
        summary: '解锁：结束该用户名因连续输错密码而暂停登录的状态（所有来源地址）',
        params: userId,
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
}
