/**
 * @module Who is asking: the session cookie read on every request, the CSRF check on every
 * cookie-authenticated write, and the access level each route declares.
 *
 * Every /api route must declare `config.access` ('public' or 'signedIn'); app.ts refuses to start
 * with a route that does not, so no route is open by forgetting. What a signed-in user may do to a
 * given school, report or run is decided by core's one policy table, inside the command the route
 * calls.
 */
import { timingSafeEqual } from 'node:crypto';
import { type Actor, message, Refusal } from '@junheng/core';
import { type Database, findSession, type Session, type User } from '@junheng/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../platform/errors.js';

export const SESSION_COOKIE = 'jh_session';
export const CSRF_HEADER = 'x-csrf-token';

export type RouteAccess = 'public' | 'signedIn';

export interface AuthContext {
  user: User;
  session: Session;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route at all (finer checks: core's policy table). */
    access?: RouteAccess;
    /** Writes that need no CSRF token (login: there is no session yet). */
    csrfExempt?: boolean;
  }
}

/** The policy actor of a user row. */
export function actorOf(user: User): Actor {
  return { id: String(user.id), role: user.role, regionCode: user.regionCode, schoolId: user.schoolId };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const notSignedIn = () => new Refusal('unauthenticated', 'accounts.notSignedIn');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The onRequest hook: attaches `request.auth` from the cookie, enforces the route's access level
 * and the CSRF token on writes.
 */
export function sessionHook(db: Database, now: () => Date) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    req.auth = null;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await findSession(db, token, now());
      if (found) req.auth = { ...found, actor: actorOf(found.user) };
    }
    const config = req.routeOptions.config;
    // Decided by the route the router matched, never by the raw URL: the router decodes
    // percent-escapes (/%61pi/… is /api/…), a prefix test on req.url does not. Unmatched paths fall
    // through to the not-found handler.
    const route = req.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/') || config.access === 'public') return;
    if (!req.auth) throw notSignedIn();
    if (!SAFE_METHODS.has(req.method) && !config.csrfExempt) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, req.auth.session.csrfToken)) throw csrfInvalid();
      if (fromAnotherSite(req)) throw csrfInvalid();
    }
  };
}

/** 403 csrfInvalid: a code the refusal table has not got, so an ApiError with the catalogue's words. */
const csrfInvalid = () => new ApiError(403, 'csrfInvalid', message('accounts.csrfInvalid'));

/**
 * Sec-Fetch-Site values a browser sends for requests this application's own pages make: its pages
 * (same-origin) and a user typing or bookmarking (none). Another port of the same host is
 * 'same-site', another host 'cross-site': both refused. Clients that send no such header (scripts,
 * old browsers) rely on the token alone.
 */
const OWN_SITE = new Set(['same-origin', 'none']);

/** Defence in depth next to the token: the browser says the write comes from another site. */
function fromAnotherSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  return typeof site === 'string' && !OWN_SITE.has(site);
}

/** The signed-in actor of a request on a 'signedIn' route. */
export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw notSignedIn();
  return req.auth;
}
