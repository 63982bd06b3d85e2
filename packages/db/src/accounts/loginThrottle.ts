/**
 * @module The counts of wrong passwords (SQL only): a name paused from one address
 * (`login_throttle`), an account locked after wrong current passwords (`app_user.failed_logins`,
 * `locked_until`), and clearing them. How many failures pause a name and for how long are core's
 * (accounts/lockout.ts); the server's login command decides when to count.
 */
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { USER_COLUMNS, type UserRow } from './userRecords.js';

/** Counts of failures older than this, without a current pause, are forgotten. */
const THROTTLE_MEMORY_HOURS = 24;

/** The throttle key of a typed name: one key for Zhang3, zhang3 and ｚｈａｎｇ３ (after NFKC). */
export const throttleKey = (name: string): string => name.toLowerCase();

/** Until when a name is paused from an address (null: not paused). */
export async function pausedUntil(
  db: Queryable,
  key: string,
  source: string,
  now: Date,
): Promise<Date | null> {
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
export async function recordThrottledFailure(
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

/** Forgets the count of a name from one address (a successful login). */
export async function clearThrottle(db: Queryable, key: string, source: string): Promise<void> {
  await sqlOf(db)
    .deleteFrom('login_throttle')
    .where('name_key', '=', key)
    .where('source', '=', source)
    .execute();
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
 * Counts a wrong current password given while changing one's password (the user is signed in, so
 * this locks the account itself): the 5th in a row locks it for 15 minutes. One statement, so
 * concurrent failures all count.
 * @returns locked_until when this failure locked the account, else null
 */
export async function recordAccountFailure(db: Queryable, userId: number, now: Date): Promise<Date | null> {
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

/**
 * After a successful login: clears the account's failures and lock, and stores a new hash when the
 * old one was made with older parameters.
 * @returns the account's row after the change (undefined if it is gone)
 */
export function resetAccountFailures(
  db: Queryable,
  userId: number,
  rehash: string | null,
): Promise<UserRow | undefined> {
  return sqlOf(db)
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null, ...(rehash ? { password_hash: rehash } : {}) })
    .where('id', '=', userId)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
}
