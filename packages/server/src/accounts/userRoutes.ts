/**
 * @module 用户管理 (system administrators) and the audit log (auditRoutes.ts). Passwords never leave
 * the server and never enter the audit log. schema.ts holds the routes' schemas.
 */
import type { UserRole } from '@junheng/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses, pageOf } from '../platform/schemas.js';
import { auditRoutes } from './auditRoutes.js';
import { newUserBody, userChangesBody, userId, userListQuery, userRow } from './schema.js';
import { createUserAs, listUsers, unlockUser, updateUser } from './userCommands.js';

const tags = ['用户管理'];

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
    async (req) => listUsers(commandContext(ctx, req), req.query),
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
    async (req) => createUserAs(commandContext(ctx, req), { ...req.body, role: req.body.role as UserRole }),
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
    async (req) => updateUser(commandContext(ctx, req), { id: req.params.id, changes: req.body }),
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
    async (req) => unlockUser(commandContext(ctx, req), { id: req.params.id }),
  );
}
