/**
 * @module What an account is (`app_user`): its roles, the User the application sees (never with
 * its password hash), the input of creating one, the errors of account operations, and reading
 * users from their rows.
 */
import { USER_ROLES, type UserRole } from '@junheng/core';
import type { Queryable } from '../platform/database.js';

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

export type UserErrorCode =
  | 'invalid_username'
  | 'invalid_display_name'
  | 'invalid_scope'
  | 'weak_password'
  | 'duplicate_username'
  | 'not_found'
  | 'wrong_password'
  | 'locked';

/** A rejected account operation, with a Chinese message for the user and a stable code. */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

// ── Reading users ────────────────────────────────────────────────────────────────────────────

/** The `app_user` columns a {@link User} is read from (prefix them with an alias when joining). */
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
] as const;

export type UserRow = Record<(typeof USER_COLUMNS)[number], unknown>;

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));

/** Maps an `app_user` row (columns {@link USER_COLUMNS}) to a {@link User}. */
export function userFromRow(row: UserRow): User {
  return {
    id: Number(row.id),
    username: String(row.username),
    displayName: String(row.display_name),
    role: row.role as UserRole,
    regionCode: (row.region_code as string | null) ?? null,
    schoolId: (row.school_id as string | null) ?? null,
    failedLogins: Number(row.failed_logins),
    lockedUntil: toDateOrNull(row.locked_until),
    disabledAt: toDateOrNull(row.disabled_at),
    passwordChangedAt: toDate(row.password_changed_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export const SELECT_USER = `SELECT ${USER_COLUMNS.join(', ')}, password_hash FROM app_user`;

/** Finds a user by id. */
export async function getUser(db: Queryable, id: number): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS.join(', ')} FROM app_user WHERE id = $1`, [
    id,
  ]);
  return rows[0] ? userFromRow(rows[0]) : null;
}

/** Finds a user by username, ignoring case. */
export async function findUserByUsername(db: Queryable, username: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS.join(', ')} FROM app_user WHERE lower(username) = lower($1)`,
    [username],
  );
  return rows[0] ? userFromRow(rows[0]) : null;
}
