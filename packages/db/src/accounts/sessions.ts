/**
 * @module Server-side login sessions (`session`), shared by every API process. The cookie carries a
 * random token; the table stores only its sha256, so a copy of the table does not hand out live
 * sessions. Each session also has a CSRF token, which the HTTP layer requires on cookie-authenticated
 * writes (sent back in a header, compared with the stored one).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../platform/database.js';
import { USER_COLUMNS, type User, type UserRow, userFromRow } from './users.js';

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

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

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
  await db.query(
    `INSERT INTO session (id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz, $5::timestamptz, $6, $7)`,
    [
      id,
      userId,
      csrfToken,
      now.toISOString(),
      expiresAt.toISOString(),
      opts.ip ?? null,
      opts.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    ],
  );
  return { id, token, csrfToken, expiresAt };
}

const SESSION_SELECT = `SELECT s.id AS s_id, s.user_id AS s_user_id, s.csrf_token AS s_csrf_token,
         s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at,
         s.ip AS s_ip, s.user_agent AS s_user_agent, ${USER_COLUMNS.map((c) => `u.${c}`).join(', ')}
    FROM session s JOIN app_user u ON u.id = s.user_id`;

interface SessionJoinRow extends UserRow {
  s_id: string;
  s_user_id: number;
  s_csrf_token: string;
  s_created_at: unknown;
  s_last_seen_at: unknown;
  s_expires_at: unknown;
  s_ip: string | null;
  s_user_agent: string | null;
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
  const at = now.toISOString();
  const { rows } = await db.query<SessionJoinRow>(
    `${SESSION_SELECT}
      WHERE s.id = $1 AND s.expires_at > $2::timestamptz
        AND u.disabled_at IS NULL`,
    [sessionIdFromToken(token), at],
  );
  const row = rows[0];
  if (!row) return null;
  const session: Session = {
    id: row.s_id,
    userId: Number(row.s_user_id),
    csrfToken: row.s_csrf_token,
    createdAt: toDate(row.s_created_at),
    lastSeenAt: toDate(row.s_last_seen_at),
    expiresAt: toDate(row.s_expires_at),
    ip: row.s_ip,
    userAgent: row.s_user_agent,
  };
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.query(
      'UPDATE session SET last_seen_at = $2::timestamptz WHERE id = $1 AND last_seen_at < $2::timestamptz',
      [session.id, at],
    );
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
  const r = await db.query('DELETE FROM session WHERE id = $1', [sessionIdFromToken(token)]);
  return r.rowCount > 0;
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
  const r = await db.query('DELETE FROM session WHERE user_id = $1 AND id IS DISTINCT FROM $2', [
    userId,
    keepSessionId ?? null,
  ]);
  return r.rowCount;
}

/**
 * Removes sessions that have expired (a periodic clean-up; expired ones are never found anyway).
 * @returns how many were deleted
 */
export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const r = await db.query('DELETE FROM session WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
  return r.rowCount;
}
