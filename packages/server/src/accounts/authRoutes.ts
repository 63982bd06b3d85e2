/**
 * @module 登录、退出、当前用户、修改密码. The session token lives only in the httpOnly cookie; the
 * CSRF token goes to the page in the body and comes back in X-CSRF-Token on every write.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { errorResponses, ok, userRole } from '../platform/schemas.js';
import { logIn, logOut, signedInPlace } from './login.js';
import { changePassword } from './passwordCommands.js';
import { presentSignedIn } from './present.js';
import { requireAuth, SESSION_COOKIE } from './session.js';

const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: userRole,
  roleName: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  menu: z.array(z.string()),
});
const meSchema = z.object({ user: userSchema, csrfToken: z.string() });

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    // req.protocol follows X-Forwarded-Proto only when trustProxy is on.
    secure: req.protocol === 'https',
    expires,
  });
}

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: {
          access: 'public',
          csrfExempt: true,
          rateLimit: { max: ctx.loginRateLimit, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['登录'],
          summary: '登录',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
          response: { 200: meSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const { user, place, session } = await logIn(ctx.db, {
          username: req.body.username,
          password: req.body.password,
          now: ctx.now(),
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setSessionCookie(req, reply, session.token, session.expiresAt);
        return { user: presentSignedIn(user, place), csrfToken: session.csrfToken };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'signedIn' },
        schema: { tags: ['登录'], summary: '退出登录', response: { 200: ok, ...errorResponses } },
      },
      async (req, reply) => {
        await logOut(ctx.db, req.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: 'signedIn' },
        schema: {
          tags: ['登录'],
          summary: '当前用户与可用菜单',
          response: { 200: meSchema, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const place = await signedInPlace(ctx.db, auth.user);
        return { user: presentSignedIn(auth.user, place), csrfToken: auth.session.csrfToken };
      },
    );

    app.post(
      '/auth/password',
      {
        config: { access: 'signedIn' },
        schema: {
          tags: ['登录'],
          summary: '修改自己的密码（其他会话随之退出）',
          body: z.object({
            oldPassword: z.string().min(1).max(256),
            newPassword: z.string().min(1).max(256),
          }),
          response: { 200: ok, ...errorResponses },
        },
      },
      async (req) => {
        await changePassword(commandContext(ctx, req), {
          oldPassword: req.body.oldPassword,
          newPassword: req.body.newPassword,
          keepSessionId: requireAuth(req).session.id,
        });
        return { ok: true as const };
      },
    );
  };
}
