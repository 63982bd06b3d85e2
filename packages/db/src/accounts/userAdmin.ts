/**
 * @module 用户管理 for the HTTP API: list accounts, create one, change one (name, disabled, a new
 * password), each write audited in its own transaction. Passwords and their hashes never leave
 * users.ts and never enter the audit log.
 *
 * Decisions:
 * - Policy: manageUsers on a user resource of the whole system (regionCode ''). core grants
 *   manageUsers only to system_admin, with scope anywhere; no region contains '', so a rule confined
 *   to a region could never grant it by accident. Everyone else gets notAllowed (not notFound: the
 *   user list is a page, not a guessable id).
 * - `disabled: true` sets disabled_at and ends the user's sessions; `disabled: false` enables the
 *   account and also lifts a lockout (failed logins reset), which is what "联系管理员解锁" means. An
 *   admin cannot disable their own account (the last admin would lock everyone out).
 * - A new password set by the admin passes the same strength rules (UserError weak_password), resets
 *   the lockout and ends the user's sessions. The audit event says only `passwordChanged: true`.
 * - A change that changes nothing writes nothing, not even an audit event.
 * - 解锁 (unlockUser) ends every pause of the user's name (users.ts login_throttle: five wrong
 *   passwords from one address pause the name there) and an account lock, audited `user.unlock`.
 *   Enabling an account and setting a new password do the same.
 * - Renaming (a new username) applies the same rules as creating: NFKC, no invisible characters,
 *   no letters of other scripts, unique regardless of case.
 */

import { type Actor, explain, USER_ROLE_NAMES } from '@junheng/core';
import { appendAudit } from '../audit/audit.js';
import { AccessError } from '../platform/access.js';
import { type Database, type Queryable, sqlState } from '../platform/database.js';
import { ERROR_CODES } from '../platform/errors.js';
import { actingUser, inTransaction, type Page, paging, searchText } from '../platform/queryKit.js';
import { ensureRegion } from '../schools/regions.js';
import { deleteUserSessions } from './sessions.js';
import {
  type CreateUserInput,
  checkedUsername,
  checkPasswordStrength,
  clearLoginThrottle,
  createUser,
  duplicateUsername,
  findUserByUsername,
  hashPassword,
  normaliseDisplayName,
  UserError,
  type UserRole,
} from './users.js';

/** An account as the user administration shows it (no password hash). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  roleName: string;
  regionCode: string | null;
  regionName: string | null;
  schoolId: string | null;
  schoolName: string | null;
  failedLogins: number;
  /** Set while the account is locked after repeated wrong passwords (in the past: expired). */
  lockedUntil: Date | null;
  disabled: boolean;
  disabledAt: Date | null;
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserListQuery {
  /** A part of the username or the display name. */
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface UserChanges {
  /** A new username (the same rules as a new account's). */
  username?: string;
  displayName?: string;
  disabled?: boolean;
  /** A new password (checked against the password rules). */
  password?: string;
}

const IN_FAILED_TRANSACTION = '25P02';

/** A resource no region contains: only rules with scope anywhere grant actions on it. */
const WHOLE_SYSTEM = '';

function requireManageUsers(actor: Actor): void {
  const d = explain(actor, 'manageUsers', { kind: 'user', regionCode: WHOLE_SYSTEM });
  if (!d.allowed) throw new AccessError('notAllowed', d.reason, undefined, d.rule);
}

// locked_until: the account's own lock or the latest pause of its name from any address.
const ADMIN_USER_SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.region_code, g.name AS region_name,
       u.school_id, s.name AS school_name, u.failed_logins,
       GREATEST(u.locked_until,
                (SELECT max(t.locked_until) FROM login_throttle t WHERE t.name_key = lower(u.username))) AS locked_until,
       u.disabled_at,
       u.password_changed_at, u.created_at, u.updated_at
  FROM app_user u
  LEFT JOIN region g ON g.code = u.region_code
  LEFT JOIN school s ON s.id = u.school_id`;

interface AdminUserRow {
  id: number;
  username: string;
  display_name: string;
  role: UserRole;
  region_code: string | null;
  region_name: string | null;
  school_id: string | null;
  school_name: string | null;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  password_changed_at: Date;
  created_at: Date;
  updated_at: Date;
}

function toAdminUser(r: AdminUserRow): AdminUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    roleName: USER_ROLE_NAMES[r.role] ?? r.role,
    regionCode: r.region_code,
    regionName: r.region_name,
    schoolId: r.school_id,
    schoolName: r.school_name,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    disabled: r.disabled_at !== null,
    disabledAt: r.disabled_at,
    passwordChangedAt: r.password_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function readAdminUser(db: Queryable, id: number): Promise<AdminUser | null> {
  const { rows } = await db.query<AdminUserRow>(`${ADMIN_USER_SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toAdminUser(rows[0]) : null;
}

/**
 * Lists accounts, oldest first, optionally those whose username or display name contains `q`.
 * @param db the database or a transaction handle
 * @param actor the signed-in user (manageUsers: system_admin)
 * @param q search text and page
 * @returns one page of accounts (without password hashes) and how many match
 * @throws AccessError notAllowed for anyone who may not manage users; invalidData for a bad page
 */
export async function listUsers(
  db: Database | Queryable,
  actor: Actor,
  q: UserListQuery = {},
): Promise<Page<AdminUser>> {
  requireManageUsers(actor);
  const { page, pageSize, offset } = paging(q);
  const text = searchText(q.q);
  const params: unknown[] = [];
  let where = 'TRUE';
  if (text !== undefined) {
    params.push(text);
    where = `(strpos(lower(u.username), lower($1)) > 0 OR strpos(lower(u.display_name), lower($1)) > 0)`;
  }
  const count = await db.query<{ n: number }>(`SELECT count(*) AS n FROM app_user u WHERE ${where}`, params);
  const rows = await db.query<AdminUserRow>(
    `${ADMIN_USER_SELECT} WHERE ${where} ORDER BY u.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, offset],
  );
  return { items: rows.rows.map(toAdminUser), total: count.rows[0]!.n, page, pageSize };
}

/**
 * Creates an account (users.ts createUser: username, scope and password rules, argon2id hash) and
 * audits it (`user.create`, entity `app_user`, without the password) in one transaction.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user (manageUsers: system_admin)
 * @param input the new account; `ip` is recorded in the audit event
 * @returns the account as listUsers shows it
 * @throws AccessError notAllowed; UserError invalid_username, invalid_display_name, invalid_scope,
 *   weak_password or duplicate_username; nothing is written
 */
export function createUserAs(
  db: Database | Queryable,
  actor: Actor,
  input: CreateUserInput & { ip?: string | null },
): Promise<AdminUser> {
  try {
    requireManageUsers(actor);
  } catch (err) {
    return Promise.reject(err);
  }
  const { ip, ...account } = input;
  return inTransaction(db, async (tx) => {
    const by = await actingUser(tx, actor);
    // A savepoint: a failed INSERT (a concurrent duplicate) aborts the transaction, and createUser's
    // own follow-up query would then fail too; rolled back here, the duplicate is reported properly.
    await tx.query('SAVEPOINT junheng_create_user');
    let id: number;
    try {
      // An account for a county not yet in the database: its rows come from the national list.
      if (account.regionCode) await ensureRegion(tx, account.regionCode);
      id = (await createUser(tx, account)).id;
      await tx.query('RELEASE SAVEPOINT junheng_create_user');
    } catch (err) {
      await tx.query('ROLLBACK TO SAVEPOINT junheng_create_user');
      if (err instanceof UserError) throw err;
      // 25P02 in_failed_sql_transaction: createUser's duplicate lookup after the failed INSERT.
      const state = sqlState(err);
      if (state === IN_FAILED_TRANSACTION || state === ERROR_CODES.uniqueViolation) {
        const existing = await findUserByUsername(tx, account.username.trim());
        if (existing) throw new UserError('duplicate_username', `用户名“${account.username.trim()}”已被使用`);
      }
      throw err;
    }
    const user = (await readAdminUser(tx, id))!;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'user.create',
      entity: 'app_user',
      entityId: String(user.id),
      after: {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        regionCode: user.regionCode,
        schoolId: user.schoolId,
      },
      ip: ip ?? null,
    });
    return user;
  });
}

/**
 * Changes an account: its display name, whether it is disabled (disabling ends its sessions,
 * enabling also lifts a lockout), or its password (strength-checked; ends its sessions). Audited
 * (`user.update`) in the same transaction; the audit holds no password or hash.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user (manageUsers: system_admin)
 * @param id the account's id
 * @param changes what to change (absent fields stay)
 * @param opts `ip` for the audit event, `now` the time of the change (default now)
 * @returns the account after the change
 * @throws AccessError notAllowed, notFound (no such account), invalidData (a bad field, disabling
 *   oneself); UserError invalid_display_name or weak_password; nothing is written
 */
export async function updateUser(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  changes: UserChanges,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<AdminUser> {
  requireManageUsers(actor);
  const notFound = new AccessError('notFound', `没有找到用户 ${String(id)}`);
  if (!Number.isSafeInteger(id)) throw notFound;
  if (changes === null || typeof changes !== 'object') {
    throw new AccessError('invalidData', '修改内容应为对象：{displayName?, disabled?, password?}');
  }
  let displayName: string | undefined;
  if (changes.displayName !== undefined) {
    if (typeof changes.displayName !== 'string')
      throw new AccessError('invalidData', '姓名（显示名）应为文字');
    displayName = normaliseDisplayName(changes.displayName);
  }
  let username: string | undefined;
  if (changes.username !== undefined) {
    if (typeof changes.username !== 'string') throw new AccessError('invalidData', '用户名应为文字');
    username = checkedUsername(changes.username);
  }
  if (changes.disabled !== undefined && typeof changes.disabled !== 'boolean') {
    throw new AccessError('invalidData', '“停用”应为 true 或 false');
  }
  if (changes.disabled === true && String(id) === String(actor.id)) {
    throw new AccessError('invalidData', '不能停用自己的账号：请由另一位系统管理员操作');
  }
  if (changes.password !== undefined && typeof changes.password !== 'string') {
    throw new AccessError('invalidData', '密码应为文字');
  }

  const current = await readAdminUser(db, id);
  if (!current) throw notFound;
  let passwordHash: string | null = null;
  if (changes.password !== undefined) {
    const weak = checkPasswordStrength(changes.password, current.username);
    if (weak) throw new UserError('weak_password', weak);
    // Hashed before the transaction opens: ~50 ms of argon2 need not hold the row lock.
    passwordHash = await hashPassword(changes.password);
  }
  const now = (opts.now ?? new Date()).toISOString();

  return inTransaction(db, async (tx) => {
    const by = await actingUser(tx, actor);
    const locked = await tx.query<AdminUserRow>(`${ADMIN_USER_SELECT} WHERE u.id = $1 FOR UPDATE OF u`, [id]);
    if (!locked.rows[0]) throw notFound;
    const user = toAdminUser(locked.rows[0]);

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (username !== undefined && username !== user.username) {
      const taken = await duplicateUsername(tx, username, id);
      if (taken) throw taken;
      before.username = user.username;
      after.username = username;
    }
    if (displayName !== undefined && displayName !== user.displayName) {
      before.displayName = user.displayName;
      after.displayName = displayName;
    }
    const disable = changes.disabled === true && !user.disabled;
    const enable =
      changes.disabled === false && (user.disabled || user.lockedUntil !== null || user.failedLogins > 0);
    if (disable || enable) {
      before.disabled = user.disabled;
      after.disabled = disable;
      if (enable && user.lockedUntil !== null) {
        before.lockedUntil = user.lockedUntil.toISOString();
        after.lockedUntil = null;
      }
    }
    if (passwordHash !== null) after.passwordChanged = true;
    if (Object.keys(after).length === 0) return user;

    if (enable || passwordHash !== null) await clearLoginThrottle(tx, user.username);
    await tx.query(
      `UPDATE app_user SET
         username = coalesce($7, username),
         display_name = coalesce($2, display_name),
         disabled_at = CASE WHEN $3::boolean THEN $6::timestamptz WHEN $4::boolean THEN NULL ELSE disabled_at END,
         failed_logins = CASE WHEN $4::boolean OR $5::text IS NOT NULL THEN 0 ELSE failed_logins END,
         locked_until = CASE WHEN $4::boolean OR $5::text IS NOT NULL THEN NULL ELSE locked_until END,
         password_hash = coalesce($5, password_hash),
         password_changed_at = CASE WHEN $5::text IS NOT NULL THEN $6::timestamptz ELSE password_changed_at END,
         updated_at = $6::timestamptz
       WHERE id = $1`,
      [id, after.displayName ?? null, disable, enable, passwordHash, now, after.username ?? null],
    );
    if (disable || passwordHash !== null) {
      after.sessionsEnded = await deleteUserSessions(tx, id);
    }
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'user.update',
      entity: 'app_user',
      entityId: String(id),
      before,
      after,
      ip: opts.ip ?? null,
    });
    return (await readAdminUser(tx, id))!;
  });
}

/**
 * 解锁: ends every pause of the account's name (from any address) and the account's own lock, and
 * resets its failure counts; audited (`user.unlock`, before: until when it was locked). An account
 * with nothing to unlock is left as it is and nothing is written.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user (manageUsers: system_admin)
 * @param id the account's id
 * @param opts `ip` for the audit event, `now` the time of the change (default now)
 * @returns the account after the change
 * @throws AccessError notAllowed, notFound
 */
export async function unlockUser(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<AdminUser> {
  requireManageUsers(actor);
  const notFound = new AccessError('notFound', `没有找到用户 ${String(id)}`);
  if (!Number.isSafeInteger(id)) throw notFound;
  const now = (opts.now ?? new Date()).toISOString();
  return inTransaction(db, async (tx) => {
    const by = await actingUser(tx, actor);
    const locked = await tx.query<AdminUserRow>(`${ADMIN_USER_SELECT} WHERE u.id = $1 FOR UPDATE OF u`, [id]);
    if (!locked.rows[0]) throw notFound;
    const user = toAdminUser(locked.rows[0]);
    const cleared = await clearLoginThrottle(tx, user.username);
    if (cleared.cleared === 0 && user.lockedUntil === null && user.failedLogins === 0) return user;
    await tx.query(
      'UPDATE app_user SET failed_logins = 0, locked_until = NULL, updated_at = $2::timestamptz WHERE id = $1',
      [id, now],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'user.unlock',
      entity: 'app_user',
      entityId: String(id),
      before: { lockedUntil: user.lockedUntil ? new Date(user.lockedUntil).toISOString() : null },
      after: { lockedUntil: null },
      ip: opts.ip ?? null,
    });
    return (await readAdminUser(tx, id))!;
  });
}
