/**
 * @module Reads of the accounts table the server's start-up needs: whether any account exists,
 * and which demo accounts there are to print. SQL only.
 */
import type { Actor, UserRole } from '@junheng/core';
// The demo's stand-in submitter: its presence marks a demo database.
import { DEMO_SUBMITTER } from '../demo/demoRecords.js';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

/** How many accounts exist. */
export async function countUsers(db: Queryable): Promise<number> {
  const row = await sqlOf(db)
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The demo's accounts that exist, in the order they were made — only in a demo database (the
 * demo's stand-in submitter `yanshi` exists), so a real administrator is never listed.
 * @param usernames the demo's usernames
 */
export async function demoAccounts(
  db: Queryable,
  usernames: readonly string[],
): Promise<{ username: string; displayName: string }[]> {
  if (usernames.length === 0) return [];
  const rows = await sqlOf(db)
    .selectFrom('app_user')
    .select(['username', 'display_name'])
    .where('username', 'in', usernames)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('app_user').select('id').where('username', '=', DEMO_SUBMITTER)),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ username: r.username, displayName: r.display_name }));
}

/** An account as the actor of the policy (null when there is no such username). */
export async function actorByUsername(db: Queryable, username: string): Promise<Actor | null> {
  const u = await sqlOf(db)
    .selectFrom('app_user')
    .select(['id', 'role', 'region_code'])
    .where('username', '=', username)
    .executeTakeFirst();
  // The schema's CHECK admits exactly core's USER_ROLES.
  return u ? { id: String(u.id), role: u.role as UserRole, regionCode: u.region_code } : null;
}

/** The account of a user id, if it exists and is enabled (an acting user must be both). */
export async function findEnabledUser(
  db: Queryable,
  id: number,
): Promise<{ id: number; username: string } | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  return sqlOf(db)
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}
