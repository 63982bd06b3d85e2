/**
 * @module 用户管理 commands: list accounts, create one, change one (name, disabled, a new password),
 * unlock one, each write audited in its own transaction. Passwords and their hashes never leave
 * the accounts' repositories and never enter the audit log.
 *
 * Decisions:
 * - Policy: manageUsers on a user resource of the whole system (regionCode ''). core grants
 *   manageUsers only to system_admin, with scope anywhere; no region contains '', so a rule confined
 *   to a region could never grant it by accident. Everyone else gets notAllowed (not notFound: the
 *   user list is a page, not a guessable id).
 * - `disabled: true` sets disabled_at and ends the user's sessions; `disabled: false` enables the
 *   account and also lifts a lockout (failed logins reset), which is what "联系管理员解锁" means. An
 *   admin cannot disable their own account (the last admin would lock everyone out).
 * - A new password set by the admin passes the same strength rules (weakPassword), resets the
 *   lockout and ends the user's sessions. The audit event says only `passwordChanged: true`.
 * - A change that changes nothing writes nothing, not even an audit event.
 * - 解锁 (unlockUser) ends every pause of the user's name (login.ts: five wrong passwords from one
 *   address pause the name there) and an account lock, audited `user.unlock`. Enabling an account
 *   and setting a new password do the same.
 * - Renaming (a new username) applies the same rules as creating: NFKC, no invisible characters,
 *   no letters of other scripts, unique regardless of case.
 */
import {
  type Actor,
  checkUserChanges,
  explain,
  passwordWeakness,
  policyRefusal,
  Refusal,
  type UserChanges,
  usernameTaken,
} from '@junheng/core';
import {
  type AdminUserListQuery,
  type AdminUserRecord,
  type CreateUserInput,
  clearLoginThrottle,
  deleteUserSessions,
  ensureRegion,
  findAdminUser,
  findUserByUsername,
  hashPassword,
  inTransaction,
  listAdminUsers,
  type Page,
  type Queryable,
  updateUserRow,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../platform/commands.js';
import { createUser } from './accountCreation.js';
import { type AdminUser, presentAdminUser } from './present.js';

/** A resource no region contains: only rules with scope anywhere grant actions on it. */
const WHOLE_SYSTEM = '';

/** @throws Refusal notAllowed for anyone who may not manage users */
function requireManageUsers(actor: Actor): void {
  const d = explain(actor, 'manageUsers', { kind: 'user', regionCode: WHOLE_SYSTEM });
  if (!d.allowed) throw policyRefusal(d);
}

const userNotFound = (id: number) => new Refusal('notFound', 'accounts.userNotFound', { id: String(id) });

/** The account after a write, as the administration shows it. */
async function readAdminUser(tx: Queryable, id: number): Promise<AdminUser> {
  return presentAdminUser((await findAdminUser(tx, id))!);
}

/**
 * Lists accounts, oldest first, optionally those whose username or display name contains `q`.
 * @returns one page of accounts (without password hashes) and how many match
 * @throws Refusal notAllowed for anyone who may not manage users; AccessError invalidData for a bad
 *   page
 */
export async function listUsers(ctx: CommandContext, q: AdminUserListQuery = {}): Promise<Page<AdminUser>> {
  requireManageUsers(ctx.actor);
  const page = await listAdminUsers(ctx.db, q);
  return { ...page, items: page.items.map(presentAdminUser) };
}

/**
 * Creates an account (accountCreation.ts: username, scope and password rules, argon2id hash) and
 * audits it (`user.create`, entity `app_user`, without the password) in one transaction.
 * @returns the account as listUsers shows it
 * @throws Refusal notAllowed; invalidRequest, weakPassword or usernameTaken; nothing is written
 */
export async function createUserAs(ctx: CommandContext, input: CreateUserInput): Promise<AdminUser> {
  requireManageUsers(ctx.actor);
  return inTransaction(ctx.db, async (tx) => {
    const by = await actingUser(tx, ctx.actor);
    // An account for a county not yet in the database: its rows come from the national list.
    if (input.regionCode) await ensureRegion(tx, input.regionCode);
    const { id } = await createUser(tx, { ...input, now: input.now ?? ctx.now?.() });
    const user = await readAdminUser(tx, id);
    const after = {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      regionCode: user.regionCode,
      schoolId: user.schoolId,
    };
    await recordChange(tx, ctx, { action: 'user.create', entity: 'app_user', entityId: id, after }, by);
    return user;
  });
}

/** What a change changes: the audit's before and after, and what to do besides. */
interface UserDiff {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  disable: boolean;
  enable: boolean;
}

/** Compares the checked change with the account as it is (only what differs is changed). */
function diffUser(
  user: AdminUserRecord,
  changes: UserChanges,
  named: { username?: string; displayName?: string },
  passwordChanged: boolean,
): UserDiff {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (named.username !== undefined && named.username !== user.username) {
    before.username = user.username;
    after.username = named.username;
  }
  if (named.displayName !== undefined && named.displayName !== user.displayName) {
    before.displayName = user.displayName;
    after.displayName = named.displayName;
  }
  const disabled = user.disabledAt !== null;
  const disable = changes.disabled === true && !disabled;
  const enable =
    changes.disabled === false && (disabled || user.lockedUntil !== null || user.failedLogins > 0);
  if (disable || enable) {
    before.disabled = disabled;
    after.disabled = disable;
    if (enable && user.lockedUntil !== null) {
      before.lockedUntil = user.lockedUntil.toISOString();
      after.lockedUntil = null;
    }
  }
  if (passwordChanged) after.passwordChanged = true;
  return { before, after, disable, enable };
}

/**
 * Changes an account: its username or display name, whether it is disabled (disabling ends its
 * sessions, enabling also lifts a lockout), or its password (strength-checked; ends its sessions).
 * Audited (`user.update`) in the same transaction; the audit holds no password or hash.
 * @param props the account's id and what to change (absent fields stay)
 * @returns the account after the change
 * @throws Refusal notAllowed, notFound (no such account), invalidRequest (a bad field, disabling
 *   oneself), usernameTaken, weakPassword; nothing is written
 */
export async function updateUser(
  ctx: CommandContext,
  props: { id: number; changes: UserChanges },
): Promise<AdminUser> {
  const { id, changes } = props;
  requireManageUsers(ctx.actor);
  if (!Number.isSafeInteger(id)) throw userNotFound(id);
  const named = checkUserChanges(changes, String(id) === String(ctx.actor.id));
  const current = await findAdminUser(ctx.db, id);
  if (!current) throw userNotFound(id);
  let passwordHash: string | null = null;
  if (changes.password !== undefined) {
    const weak = passwordWeakness(changes.password, current.username);
    if (weak) throw new Refusal('weakPassword', weak.key, weak.params);
    // Hashed before the transaction opens: ~50 ms of argon2 need not hold the row lock.
    passwordHash = await hashPassword(changes.password);
  }
  const now = ctx.now?.() ?? new Date();

  return inTransaction(ctx.db, async (tx) => {
    const by = await actingUser(tx, ctx.actor);
    const user = await findAdminUser(tx, id, { forUpdate: true });
    if (!user) throw userNotFound(id);
    const { before, after, disable, enable } = diffUser(user, changes, named, passwordHash !== null);
    if (after.username !== undefined) {
      const taken = await findUserByUsername(tx, String(after.username));
      if (taken && taken.id !== id) {
        const p = usernameTaken(String(after.username), taken.username);
        throw new Refusal('usernameTaken', p.key, p.params);
      }
    }
    if (Object.keys(after).length === 0) return presentAdminUser(user);

    const lifted = enable || passwordHash !== null;
    if (lifted) await clearLoginThrottle(tx, user.username);
    await updateUserRow(tx, id, {
      ...(after.username !== undefined ? { username: String(after.username) } : {}),
      ...(after.displayName !== undefined ? { display_name: String(after.displayName) } : {}),
      ...(disable ? { disabled_at: now } : enable ? { disabled_at: null } : {}),
      ...(lifted ? { failed_logins: 0, locked_until: null } : {}),
      ...(passwordHash !== null ? { password_hash: passwordHash, password_changed_at: now } : {}),
      updated_at: now,
    });
    if (disable || passwordHash !== null) after.sessionsEnded = await deleteUserSessions(tx, id);
    await recordChange(
      tx,
      ctx,
      { action: 'user.update', entity: 'app_user', entityId: id, before, after },
      by,
    );
    return readAdminUser(tx, id);
  });
}

/**
 * 解锁: ends every pause of the account's name (from any address) and the account's own lock, and
 * resets its failure counts; audited (`user.unlock`, before: until when it was locked). An account
 * with nothing to unlock is left as it is and nothing is written.
 * @returns the account after the change
 * @throws Refusal notAllowed, notFound
 */
export async function unlockUser(ctx: CommandContext, props: { id: number }): Promise<AdminUser> {
  const { id } = props;
  requireManageUsers(ctx.actor);
  if (!Number.isSafeInteger(id)) throw userNotFound(id);
  const now = ctx.now?.() ?? new Date();
  return inTransaction(ctx.db, async (tx) => {
    const by = await actingUser(tx, ctx.actor);
    const user = await findAdminUser(tx, id, { forUpdate: true });
    if (!user) throw userNotFound(id);
    const cleared = await clearLoginThrottle(tx, user.username);
    if (cleared.cleared === 0 && user.lockedUntil === null && user.failedLogins === 0) {
      return presentAdminUser(user);
    }
    await updateUserRow(tx, id, { failed_logins: 0, locked_until: null, updated_at: now });
    const before = { lockedUntil: user.lockedUntil ? new Date(user.lockedUntil).toISOString() : null };
    const after = { lockedUntil: null };
    await recordChange(
      tx,
      ctx,
      { action: 'user.unlock', entity: 'app_user', entityId: id, before, after },
      by,
    );
    return readAdminUser(tx, id);
  });
}
