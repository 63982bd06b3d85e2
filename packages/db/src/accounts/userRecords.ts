/**
 * @module What an account is (`app_user`): its roles, the User the application sees (never with
 * its password hash), the input of creating one, and the account rows read and written (SQL only;
 * the rules are core's accounts/, the commands the server's accounts/).
 */
import { USER_ROLES, type UserRole } from '@junheng/core';
import { type Selectable, sql, type Updateable } from 'kysely';
import { type Database, type Queryable, sqlState } from '../platform/database.js';
import { ERROR_CODES } from '../platform/errors.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { inTransaction } from '../platform/queryKit.js';
import type { AppUserTable } from '../platform/tables.js';

export type { UserRole };

/** The roles an account may have: core's glossary (policies/rules.ts), the one list. */
export const ROLES: readonly UserRole[] = USER_ROLES;

/** An account as the application sees it (never with its password hash). */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  regionCode: string | null;
  schoolId: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateUserInput {
  username: string;
  password: string;
  displayName: string;
  role: UserRole;
  /** Required for bureau, inspector and viewer (the region subtree they see). */
  regionCode?: string | null;
  /** Required for principal and school users, not allowed for the others. */
  schoolId?: string | null;
  /** Creation time (default now). */
  now?: Date;
}

// ── Reading users ────────────────────────────────────────────────────────────────────────────

/** The `app_user` columns a {@link User} is read from (every column but the password hash). */
export const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'region_code',
  'school_id',
  'failed_logins',
  'locked_until',
  'disabled_at',
  'password_changed_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Selectable<AppUserTable>)[];

/** An `app_user` row as {@link USER_COLUMNS} select it. */
export type UserRow = Pick<Selectable<AppUserTable>, (typeof USER_COLUMNS)[number]>;

/** Maps an `app_user` row (columns {@link USER_COLUMNS}) to a {@link User}. */
export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    // The schema's CHECK admits exactly core's USER_ROLES.
    role: row.role as UserRole,
    regionCode: row.region_code,
    schoolId: row.school_id,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    disabledAt: row.disabled_at,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A user's row with its password hash, by id or by username ignoring case. */
export function userWithHash(db: Queryable, by: { id: number } | { username: string }) {
  const q = sqlOf(db)
    .selectFrom('app_user')
    .select([...USER_COLUMNS, 'password_hash']);
  return (
    'id' in by ? q.where('id', '=', by.id) : q.where(sql`lower(username)`, '=', sql`lower(${by.username})`)
  ).executeTakeFirst();
}

/** Finds a user by id. */
export async function getUser(db: Queryable, id: number): Promise<User | null> {
  const row = await sqlOf(db)
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? userFromRow(row) : null;
}

/** Finds a user by username, ignoring case. */
export async function findUserByUsername(db: Queryable, username: string): Promise<User | null> {
  const row = await userWithHash(db, { username });
  return row ? userFromRow(row) : null;
}

// ── Writing users ────────────────────────────────────────────────────────────────────────────

/** A new account's row, its password already hashed. */
export interface NewUserRow {
  username: string;
  passwordHash: string;
  displayName: string;
  role: UserRole;
  regionCode: string | null;
  schoolId: string | null;
  now: Date;
}

/**
 * Inserts an account. A username taken (the unique index on lower(username): a concurrent insert
 * included) or a region or school that does not exist is answered, not thrown: the insert runs in
 * a savepoint that is rolled back, so the caller's transaction can still look up who has the name.
 * @param db the database (a transaction is opened) or the caller's transaction
 * @returns the account, or which constraint refused it
 */
export function insertUser(
  db: Database | Queryable,
  row: NewUserRow,
): Promise<{ user: User } | { violated: 'unique' | 'foreignKey' }> {
  return inTransaction(db, async (tx) => {
    const q = sqlOf(tx);
    await sql`SAVEPOINT junheng_insert_user`.execute(q);
    try {
      const inserted = await q
        .insertInto('app_user')
        .values({
          username: row.username,
          password_hash: row.passwordHash,
          display_name: row.displayName,
          role: row.role,
          region_code: row.regionCode,
          school_id: row.schoolId,
          password_changed_at: row.now,
          created_at: row.now,
          updated_at: row.now,
        })
        .returning(USER_COLUMNS)
        .executeTakeFirstOrThrow();
      await sql`RELEASE SAVEPOINT junheng_insert_user`.execute(q);
      return { user: userFromRow(inserted) };
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT junheng_insert_user`.execute(q);
      await sql`RELEASE SAVEPOINT junheng_insert_user`.execute(q);
      const state = sqlState(err);
      if (state === ERROR_CODES.uniqueViolation) return { violated: 'unique' as const };
      if (state === ERROR_CODES.foreignKeyViolation) return { violated: 'foreignKey' as const };
      throw err;
    }
  });
}

/** The columns an account's change may set (updated_at always). */
export type UserUpdate = Pick<
  Updateable<AppUserTable>,
  | 'username'
  | 'display_name'
  | 'disabled_at'
  | 'failed_logins'
  | 'locked_until'
  | 'password_hash'
  | 'password_changed_at'
> & { updated_at: Date };

/** Changes an account's row. */
export async function updateUserRow(db: Queryable, id: number, set: UserUpdate): Promise<void> {
  await sqlOf(db).updateTable('app_user').set(set).where('id', '=', id).execute();
}
