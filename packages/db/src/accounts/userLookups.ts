/**
 * @module Reads of the accounts table the server's start-up needs: whether any account exists,
 * and which demo accounts there are to print. SQL only.
 */
import type { Actor, UserRole } from '@junheng/core';
import type { Queryable } from '../platform/database.js';

/** How many accounts exist. */
export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
  return rows[0]?.n ?? 0;
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
  const { rows } = await db.query<{ username: string; display_name: string }>(
    `SELECT username, display_name FROM app_user
      WHERE username = ANY($1::text[])
        AND EXISTS (SELECT 1 FROM app_user WHERE username = 'yanshi') ORDER BY id`,
    [usernames],
  );
  return rows.map((r) => ({ username: r.username, displayName: r.display_name }));
}

/** An account as the actor of the policy (null when there is no such username). */
export async function actorByUsername(db: Queryable, username: string): Promise<Actor | null> {
  const { rows } = await db.query<{ id: number; role: UserRole; region_code: string | null }>(
    'SELECT id, role, region_code FROM app_user WHERE username = $1',
    [username],
  );
  const u = rows[0];
  return u ? { id: String(u.id), role: u.role, regionCode: u.region_code } : null;
}
