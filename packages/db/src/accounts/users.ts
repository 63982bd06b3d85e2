/**
 * @module Accounts (`app_user`): creating a user and changing a password, and, gathered here from
 * the modules that hold them, password hashing (argon2id) and rules (./passwords.ts), usernames
 * (./usernames.ts), reading users (./userRecords.ts) and logging in with lockout (./login.ts). The
 * HTTP layer adds the cookie, CSRF and per-IP rate limiting on top (see sessions.ts for the
 * server-side sessions).
 */
import { appendAudit } from '../audit/audit.js';
import { type Database, type Queryable, sqlState } from '../platform/database.js';
import { ERROR_CODES } from '../platform/errors.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { lockedMessage, recordFailure } from './login.js';
import { checkPasswordStrength, hashPassword, normalise, verifyPassword } from './passwords.js';
import { deleteUserSessions } from './sessions.js';
import { checkedUsername, duplicateUsername, normaliseDisplayName } from './usernames.js';
import {
  type CreateUserInput,
  ROLES,
  USER_COLUMNS,
  type User,
  UserError,
  userFromRow,
  userWithHash,
} from './userRecords.js';

export {
  type AuthResult,
  authenticate,
  clearLoginThrottle,
  INVALID_LOGIN_MESSAGE,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
} from './login.js';
export {
  checkPasswordStrength,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './passwords.js';
export {
  checkedUsername,
  duplicateUsername,
  normaliseDisplayName,
  normaliseUsername,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
} from './usernames.js';
export {
  type CreateUserInput,
  findUserByUsername,
  getUser,
  USER_COLUMNS,
  type User,
  UserError,
  type UserErrorCode,
  type UserRole,
  type UserRow,
  userFromRow,
} from './userRecords.js';

// ── Creating users ───────────────────────────────────────────────────────────────────────────

/**
 * Creates an account: checks the username, scope and password rules, hashes the password, inserts.
 * @throws UserError invalid_username | invalid_display_name | invalid_scope | weak_password |
 *   duplicate_username (usernames are unique regardless of case)
 */
export async function createUser(db: Queryable, input: CreateUserInput): Promise<User> {
  const username = checkedUsername(input.username);
  const displayName = normaliseDisplayName(input.displayName);
  if (!ROLES.includes(input.role)) throw new UserError('invalid_scope', `未知的角色：${input.role}`);
  const regionCode = input.regionCode ?? null;
  const schoolId = input.schoolId ?? null;
  const schoolRole = input.role === 'principal' || input.role === 'school';
  if (schoolRole && schoolId === null) {
    throw new UserError('invalid_scope', '校长和学校填报员账户必须指定所属学校');
  }
  if (!schoolRole && schoolId !== null) {
    throw new UserError('invalid_scope', '只有校长和学校填报员账户可以指定所属学校');
  }
  if (!schoolRole && input.role !== 'system_admin' && regionCode === null) {
    throw new UserError('invalid_scope', '教育局、督学和只读账户必须指定所辖区域');
  }
  const weak = checkPasswordStrength(input.password, username);
  if (weak) throw new UserError('weak_password', weak);

  const duplicate = () => duplicateUsername(db, username);
  // Checked first so that a duplicate costs no hashing; the unique index decides under a race.
  const early = await duplicate();
  if (early) throw early;
  const passwordHash = await hashPassword(input.password);
  const now = input.now ?? new Date();
  try {
    const row = await sqlOf(db)
      .insertInto('app_user')
      .values({
        username,
        password_hash: passwordHash,
        display_name: displayName,
        role: input.role,
        region_code: regionCode,
        school_id: schoolId,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    return userFromRow(row);
  } catch (err) {
    const state = sqlState(err);
    if (state === ERROR_CODES.uniqueViolation) throw (await duplicate()) ?? err;
    if (state === ERROR_CODES.foreignKeyViolation) {
      throw new UserError(
        'invalid_scope',
        schoolId !== null ? `学校 ${schoolId} 不存在` : `区域代码 ${regionCode} 不存在`,
      );
    }
    throw err;
  }
}

// ── Changing a password ──────────────────────────────────────────────────────────────────────

/**
 * Changes a user's own password: checks the current one (a wrong one counts towards the lockout,
 * like a failed login), applies the password rules, stores the new hash and password_changed_at, and
 * ends every other session of the user.
 * @param keepSessionId the `session.id` (not the cookie token) of the session making the change,
 *   which stays valid; omit it to end all of the user's sessions
 * @returns how many sessions were ended
 * @throws UserError not_found | locked | wrong_password | weak_password
 */
export async function changePassword(
  db: Database,
  userId: number,
  oldPassword: string,
  newPassword: string,
  now: Date,
  keepSessionId?: string | null,
): Promise<{ sessionsEnded: number }> {
  const row = await userWithHash(db, { id: userId });
  if (!row) throw new UserError('not_found', `用户 ${userId} 不存在`);
  const user = userFromRow(row);
  if (user.lockedUntil && user.lockedUntil > now)
    throw new UserError('locked', lockedMessage(user.lockedUntil, now));
  if (!(await verifyPassword(row.password_hash, oldPassword))) {
    const lockedUntil = await recordFailure(db, user.id, now);
    if (lockedUntil) throw new UserError('locked', lockedMessage(lockedUntil, now));
    throw new UserError('wrong_password', '原密码不正确');
  }
  if (normalise(newPassword) === normalise(oldPassword)) {
    throw new UserError('weak_password', '新密码不能与原密码相同');
  }
  const weak = checkPasswordStrength(newPassword, user.username);
  if (weak) throw new UserError('weak_password', weak);
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await sqlOf(tx)
      .updateTable('app_user')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        updated_at: now,
        failed_logins: 0,
        locked_until: null,
      })
      .where('id', '=', userId)
      .execute();
    const sessionsEnded = await deleteUserSessions(tx, userId, keepSessionId);
    // Who changed a password and when is audited; the password itself never is.
    await appendAudit(tx, {
      actor: user.username,
      actorId: user.id,
      action: 'user.changePassword',
      entity: 'app_user',
      entityId: String(user.id),
      after: { passwordChanged: true, sessionsEnded },
      at: now,
    });
    return { sessionsEnded };
  });
}
