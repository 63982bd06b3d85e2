/**
 * @module Logging in: checking a username and password with the same answer and timing for unknown
 * names, pausing a name from an address after repeated wrong passwords (login_throttle), locking an
 * account after wrong current passwords, and the audit events of sign-ins and lockouts.
 */
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import {
  CURRENT_HASH_PREFIX,
  getDummyHash,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  verifyPassword,
} from './passwords.js';
import { normaliseUsername, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from './usernames.js';
import { USER_COLUMNS, type User, userFromRow, userWithHash } from './userRecords.js';

// ── Logging in ───────────────────────────────────────────────────────────────────────────────

/** Wrong passwords in a row (for one name from one address) that pause it there. */
export const MAX_FAILED_LOGINS = 5;
/** How long a paused name (or a locked account) stays so. */
export const LOCKOUT_MINUTES = 15;
/** Counts of failures older than this, without a current pause, are forgotten. */
const THROTTLE_MEMORY_HOURS = 24;

export type AuthResult =
  | { ok: true; user: User }
  | { ok: false; code: 'invalid' | 'locked' | 'disabled'; message: string };

/** The one answer for an unknown username and for a wrong password. */
export const INVALID_LOGIN_MESSAGE = '用户名或密码不正确';

const minutesLeft = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/** The account itself is locked (wrong current passwords while changing it). */
export function lockedMessage(lockedUntil: Date, now: Date): string {
  return `连续 ${MAX_FAILED_LOGINS} 次密码错误，账户已锁定，请 ${minutesLeft(lockedUntil, now)} 分钟后再试或联系管理员解锁`;
}

/** A name is paused from one address: the same words whether or not the name exists. */
function throttledMessage(until: Date, now: Date): string {
  return `连续 ${MAX_FAILED_LOGINS} 次用户名或密码错误，此用户名已暂停从本机登录，请 ${minutesLeft(until, now)} 分钟后再试或联系管理员解锁`;
}

/** The throttle key of a typed name: one key for Zhang3, zhang3 and ｚｈａｎｇ３. */
const throttleKey = (name: string) => name.toLowerCase();

/** Until when a name is paused from an address (null: not paused). */
async function pausedUntil(db: Queryable, key: string, source: string, now: Date): Promise<Date | null> {
  const row = await sqlOf(db)
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('name_key', '=', key)
    .where('source', '=', source)
    .executeTakeFirst();
  const until = row?.locked_until ?? null;
  return until && until > now ? until : null;
}

/**
 * Counts a wrong password for a name from an address: the 5th in a row pauses the name there for
 * 15 minutes (and restarts the count, so after the pause there are again 5 tries). One statement,
 * so concurrent failures all count. Forgets counts that are a day old.
 * @returns the count so far and, when this failure paused the name, until when
 */
async function recordThrottledFailure(
  db: Queryable,
  key: string,
  source: string,
  now: Date,
): Promise<{ failures: number; pausedUntil: Date | null }> {
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const forget = new Date(now.getTime() - THROTTLE_MEMORY_HOURS * 3_600_000);
  const q = sqlOf(db);
  await q
    .deleteFrom('login_throttle')
    .where('updated_at', '<', forget)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', forget)]))
    .execute();
  const pauses = sql<boolean>`login_throttle.failures + 1 >= ${MAX_FAILED_LOGINS}`;
  const row = await q
    .insertInto('login_throttle')
    .values({ name_key: key, source, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['name_key', 'source']).doUpdateSet({
        failures: sql<number>`CASE WHEN ${pauses} THEN 0 ELSE login_throttle.failures + 1 END`,
        locked_until: sql<Date | null>`CASE WHEN ${pauses} THEN ${until}::timestamptz ELSE login_throttle.locked_until END`,
        updated_at: now,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const lockedUntil = row.locked_until;
  // RETURNING sees the new row: this failure paused the name when locked_until is this pause.
  const paused = lockedUntil && lockedUntil.getTime() === until.getTime() ? lockedUntil : null;
  return { failures: paused ? MAX_FAILED_LOGINS : row.failures, pausedUntil: paused };
}

/**
 * Ends every pause and count of a user's name, from every address (an administrator's 解锁, a
 * password reset, enabling the account).
 * @returns until when the name was paused (the latest, null if it was not) and how many rows went
 */
export async function clearLoginThrottle(
  db: Queryable,
  username: string,
): Promise<{ pausedUntil: Date | null; cleared: number }> {
  const rows = await sqlOf(db)
    .deleteFrom('login_throttle')
    .where('name_key', '=', throttleKey(username))
    .returning('locked_until')
    .execute();
  const times = rows.map((r) => r.locked_until).filter((d): d is Date => d !== null);
  const latest = times.length > 0 ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
  return { pausedUntil: latest, cleared: rows.length };
}

/**
 * Checks a username and password.
 * - The name is normalised as when accounts are made (NFKC: full-width letters are ASCII); one
 *   with invisible characters or letters of another script is refused with what is wrong.
 * - Unknown username and wrong password give the same code and message, and an unknown username is
 *   still checked against a dummy hash, so neither the answer nor its timing tells whether it exists.
 * - 5 wrong passwords in a row for a name from one address (`ip`) pause that name from that address
 *   for 15 minutes (`locked`, without checking the password meanwhile). Unknown names are counted
 *   and paused the same way, so the pause tells nothing either; the owner elsewhere is not locked
 *   out. An account locked by wrong current passwords in changePassword is locked everywhere.
 * - A disabled account answers `disabled` only after the right password.
 * - Success clears the count of that name from that address (and rehashes a password stored with
 *   older parameters).
 * @param now the time of the attempt (lockout arithmetic)
 * @param ip the address the attempt came from (null: counted as one unknown address)
 */
export async function authenticate(
  db: Queryable | Database,
  username: string,
  password: string,
  now: Date,
  ip: string | null = null,
): Promise<AuthResult> {
  // Who signed in, who failed and which account locked is audited for a known account; attempts
  // on unknown names are not (they would let anyone fill the log; the rate limit bounds them).
  const audit = (user: User, action: string, after: Record<string, unknown>) =>
    appendAudit(db, {
      actor: user.username,
      actorId: user.id,
      action,
      entity: 'app_user',
      entityId: String(user.id),
      after,
      ip,
      at: now,
    });
  const invalid: AuthResult = { ok: false, code: 'invalid', message: INVALID_LOGIN_MESSAGE };
  const typed = username.normalize('NFKC').trim();
  const checked = normaliseUsername(typed);
  const tooLong = [...password].length > PASSWORD_MAX_LENGTH;
  if (!checked.ok) {
    // Empty or too long: the usual answer. Look-alike characters: say which, so the user retypes.
    if (typed === '' || [...typed].length < USERNAME_MIN_LENGTH || [...typed].length > USERNAME_MAX_LENGTH) {
      await verifyPassword(await getDummyHash(), tooLong ? '' : password);
      return invalid;
    }
    return { ok: false, code: 'invalid', message: checked.message };
  }
  const name = checked.name;
  const key = throttleKey(name);
  const source = ip ?? '';
  const paused = await pausedUntil(db, key, source, now);
  if (paused) return { ok: false, code: 'locked', message: throttledMessage(paused, now) };

  const row = await userWithHash(db, { username: name });
  const user = row ? userFromRow(row) : null;
  if (user?.lockedUntil && user.lockedUntil > now) {
    return { ok: false, code: 'locked', message: lockedMessage(user.lockedUntil, now) };
  }
  let matches = false;
  if (row) matches = !tooLong && (await verifyPassword(row.password_hash, password));
  else await verifyPassword(await getDummyHash(), tooLong ? '' : password);
  if (!row || !user || !matches) {
    const failure = await recordThrottledFailure(db, key, source, now);
    const audited = user !== null && user.disabledAt === null;
    if (failure.pausedUntil) {
      if (audited) await audit(user, 'auth.lockout', { lockedUntil: failure.pausedUntil.toISOString() });
      return { ok: false, code: 'locked', message: throttledMessage(failure.pausedUntil, now) };
    }
    if (audited) await audit(user, 'auth.loginFailed', { failedLogins: failure.failures });
    return invalid;
  }
  if (user.disabledAt) return { ok: false, code: 'disabled', message: '该账户已停用，请联系管理员' };
  await audit(user, 'auth.login', {});
  await sqlOf(db)
    .deleteFrom('login_throttle')
    .where('name_key', '=', key)
    .where('source', '=', source)
    .execute();
  const rehash = !row.password_hash.startsWith(CURRENT_HASH_PREFIX) ? await hashPassword(password) : null;
  if (user.failedLogins > 0 || user.lockedUntil !== null || rehash) {
    const updated = await sqlOf(db)
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null, ...(rehash ? { password_hash: rehash } : {}) })
      .where('id', '=', user.id)
      .returning(USER_COLUMNS)
      .executeTakeFirst();
    if (updated) return { ok: true, user: userFromRow(updated) };
  }
  return { ok: true, user };
}

/**
 * Counts a wrong current password given while changing one's password (the user is signed in, so
 * this locks the account itself): the 5th in a row locks it for 15 minutes. One statement, so
 * concurrent failures all count.
 * @returns locked_until when this failure locked the account, else null
 */
export async function recordFailure(db: Queryable, userId: number, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const locks = sql<boolean>`failed_logins + 1 >= ${MAX_FAILED_LOGINS}`;
  const row = await sqlOf(db)
    .updateTable('app_user')
    .set({
      failed_logins: sql<number>`CASE WHEN ${locks} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql<Date | null>`CASE WHEN ${locks} THEN ${until}::timestamptz ELSE locked_until END`,
      updated_at: now,
    })
    .where('id', '=', userId)
    .returning('locked_until')
    .executeTakeFirst();
  // RETURNING sees the new row: this failure locked the account when locked_until is this lock.
  if (!row) return null;
  const lockedUntil = row.locked_until;
  return lockedUntil && lockedUntil.getTime() === until.getTime() ? lockedUntil : null;
}
