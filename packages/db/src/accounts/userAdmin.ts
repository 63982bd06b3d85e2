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
import { type SelectQueryBuilder, sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { AccessError } from '../platform/access.js';
import { type Database, type Queryable, sqlState } from '../platform/database.js';
import { ERROR_CODES } from '../platform/errors.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { actingUser, inTransaction, type Page, paging, searchText } from '../platform/queryKit.js';
import type { AppUserTable, DB } from '../platform/tables.js';
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

/**
 * Accounts with their region's and school's names. locked_until: the account's own lock or the
 * latest pause of its name from any address.
 */
function adminUsers(db: Queryable) {
  return sqlOf(db)
    .selectFrom('app_user as u')
    .leftJoin('region as g', 'g.code', 'u.region_code')
    .leftJoin('school as s', 's.id', 'u.school_id')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.region_code',
      'g.name as region_name',
      'u.school_id',
      's.name as school_name',
      'u.failed_logins',
      sql<Date | null>`GREATEST(u.locked_until, ${eb
        .selectFrom('login_throttle as t')
        .select((t) => t.fn.max('t.locked_until').as('latest'))
        .whereRef('t.name_key', '=', sql`lower(u.username)`)})`.as('locked_until'),
      'u.disabled_at',
      'u.password_changed_at',
      'u.created_at',
      'u.updated_at',
    ]);
}

type AdminUserRow = Awaited<ReturnType<ReturnType<typeof adminUsers>['executeTakeFirstOrThrow']>>;

function toAdminUser(r: AdminUserRow): AdminUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    // The schema's CHECK admits exactly core's USER_ROLES.
    role: r.role as UserRole,
    roleName: USER_ROLE_NAMES[r.role as UserRole] ?? r.role,
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
  const row = await adminUsers(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toAdminUser(row) : null;
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
  const matches = <Q extends SelectQueryBuilder<DB & { u: AppUserTable }, 'u', object>>(query: Q): Q =>
    text === undefined
      ? query
      : (query.where((eb) =>
          eb.or([
            eb(sql`strpos(lower(u.username), lower(${text}))`, '>', 0),
            eb(sql`strpos(lower(u.display_name), lower(${text}))`, '>', 0),
          ]),
        ) as Q);
  const { n } = await matches(sqlOf(db).selectFrom('app_user as u'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await matches(adminUsers(db)).orderBy('u.id').limit(pageSize).offset(offset).execute();
  return { items: rows.map(toAdminUser), total: n, page, pageSize };
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
    await sql`SAVEPOINT junheng_create_user`.execute(sqlOf(tx));
    let id: number;
    try {
      // An account for a county not yet in the database: its rows come from the national list.
      if (account.regionCode) await ensureRegion(tx, account.regionCode);
      id = (await createUser(tx, account)).id;
      await sql`RELEASE SAVEPOINT junheng_create_user`.execute(sqlOf(tx));
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT junheng_create_user`.execute(sqlOf(tx));
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
  const now = opts.now ?? new Date();

  return inTransaction(db, async (tx) => {
    const by = await actingUser(tx, actor);
    const locked = await adminUsers(tx).where('u.id', '=', id).forUpdate('u').executeTakeFirst();
    if (!locked) throw notFound;
    const user = toAdminUser(locked);

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
    const lifted = enable || passwordHash !== null;
    await sqlOf(tx)
      .updateTable('app_user')
      .set({
        ...(after.username !== undefined ? { username: String(after.username) } : {}),
        ...(after.displayName !== undefined ? { display_name: String(after.displayName) } : {}),
        ...(disable ? { disabled_at: now } : enable ? { disabled_at: null } : {}),
        ...(lifted ? { failed_logins: 0, locked_until: null } : {}),
        ...(passwordHash !== null ? { password_hash: passwordHash, password_changed_at: now } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
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
  const now = opts.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const by = await actingUser(tx, actor);
    const locked = await adminUsers(tx).where('u.id', '=', id).forUpdate('u').executeTakeFirst();
    if (!locked) throw notFound;
    const user = toAdminUser(locked);
    const cleared = await clearLoginThrottle(tx, user.username);
    if (cleared.cleared === 0 && user.lockedUntil === null && user.failedLogins === 0) return user;
    await sqlOf(tx)
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null, updated_at: now })
      .where('id', '=', id)
      .execute();
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
