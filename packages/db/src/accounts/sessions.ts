/**
 * @module Server-side login sessions (`session`), shared by every API process. The cookie carries a
 * random token; the table stores only its sha256, so a copy of the table does not hand out live
 * sessions. Each session also has a CSRF token, which the HTTP layer requires on cookie-authenticated
 * writes (sent back in a header, compared with the stored one).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { USER_COLUMNS, type User, userFromRow } from './userRecords.js';

/** One stored session. `id` is sha256(token) in hex, never the token itself. */
export interface Session {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface CreateSessionOptions {
  /** Lifetime from login, in hours (default 8: one working day). */
  ttlHours?: number;
  ip?: string | null;
  userAgent?: string | null;
}

export interface NewSession {
  /** The session's row id (sha256 of the token), e.g. for `changePassword(…, keepSessionId)`. */
  id: string;
  /** Goes into the httpOnly cookie, and nowhere else. 32 random bytes, base64url. */
  token: string;
  /** Given to the page (response body), echoed back in a header on writes. 32 random bytes, base64url. */
  csrfToken: string;
  expiresAt: Date;
}

/** 32 bytes in base64url without padding: 43 characters. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
/** last_seen_at is written at most this often per session (not on every request). */
const TOUCH_INTERVAL_MS = 60_000;
const USER_AGENT_MAX = 512;

/** The `session.id` of a cookie token: sha256, lowercase hex. */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Starts a session for a user who has just logged in.
 * @param now the login time
 * @returns the cookie token and CSRF token (both shown only now) and the expiry
 */
export async function createSession(
  db: Queryable,
  userId: number,
  now: Date,
  opts: CreateSessionOptions = {},
): Promise<NewSession> {
  const ttlHours = opts.ttlHours ?? 8;
  if (!(ttlHours > 0)) throw new RangeError(`会话有效期必须大于 0 小时（收到 ${ttlHours}）`);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const id = sessionIdFromToken(token);
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await sqlOf(db)
    .insertInto('session')
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: opts.ip ?? null,
      user_agent: opts.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    })
    .execute();
  return { id, token, csrfToken, expiresAt };
}

/**
 * Looks up the session of a cookie token. Returns null for an unknown or malformed token, an expired
 * session, and a session whose user is disabled. A login lockout (wrong passwords from anywhere) does
 * not end the user's sessions: otherwise anyone who knows a username could sign its owner out every
 * 15 minutes. Updates last_seen_at (at most
 * once a minute); the expiry stays fixed from login (no sliding extension).
 * @param now the time of the request
 */
export async function findSession(
  db: Queryable,
  token: string,
  now: Date,
): Promise<{ session: Session; user: User } | null> {
  if (!TOKEN_RE.test(token)) return null;
  const q = sqlOf(db);
  const row = await q
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(USER_COLUMNS.map((c) => `u.${c}` as const))
    .select([
      's.id as s_id',
      's.user_id as s_user_id',
      's.csrf_token as s_csrf_token',
      's.created_at as s_created_at',
      's.last_seen_at as s_last_seen_at',
      's.expires_at as s_expires_at',
      's.ip as s_ip',
      's.user_agent as s_user_agent',
    ])
    .where('s.id', '=', sessionIdFromToken(token))
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const session: Session = {
    id: row.s_id,
    userId: row.s_user_id,
    csrfToken: row.s_csrf_token,
    createdAt: row.s_created_at,
    lastSeenAt: row.s_last_seen_at,
    expiresAt: row.s_expires_at,
    ip: row.s_ip,
    userAgent: row.s_user_agent,
  };
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await q
      .updateTable('session')
      .set({ last_seen_at: now })
      .where('id', '=', session.id)
      .where('last_seen_at', '<', now)
      .execute();
    session.lastSeenAt = now;
  }
  return { session, user: userFromRow(row) };
}

/**
 * Ends the session of a cookie token (logout).
 * @returns whether a session was deleted
 */
export async function deleteSession(db: Queryable, token: string): Promise<boolean> {
  if (!TOKEN_RE.test(token)) return false;
  const r = await sqlOf(db)
    .deleteFrom('session')
    .where('id', '=', sessionIdFromToken(token))
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/**
 * Ends every session of a user (account disabled, password reset by an admin), except `keepSessionId`.
 * @returns how many were deleted
 */
export async function deleteUserSessions(
  db: Queryable,
  userId: number,
  keepSessionId?: string | null,
): Promise<number> {
  const r = await sqlOf(db)
    .deleteFrom('session')
    .where('user_id', '=', userId)
    .where('id', 'is distinct from', keepSessionId ?? null)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Removes sessions that have expired (a periodic clean-up; expired ones are never found anyway).
 * @returns how many were deleted
 */
export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const r = await sqlOf(db).deleteFrom('session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
