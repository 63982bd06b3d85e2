/**
 * @module Accounts (`app_user`), gathered here from the modules that hold them: password hashing
 * (./passwords.ts), reading and writing account rows (./userRecords.ts, ./adminUsers.ts), the
 * counts of wrong passwords (./loginThrottle.ts) and sessions (./sessions.ts). The rules are core's
 * (accounts/); the commands — logging in, creating, changing and unlocking accounts, changing one's
 * password — are the server's (server/src/accounts/).
 */
import {
  type AccountProblem,
  accountScopeProblem,
  message,
  normaliseDisplayName,
  normaliseUsername,
  passwordWeakness,
  usernameTaken,
} from '@junheng/core';
import type { Queryable } from '../platform/database.js';
import { hashPassword } from './passwords.js';
import {
  type CreateUserInput,
  findUserByUsername,
  insertUser,
  type User,
  UserError,
  type UserErrorCode,
} from './userRecords.js';

export { type AuthResult, authenticate } from './login.js';
export {
  clearLoginThrottle,
  clearThrottle,
  pausedUntil,
  recordAccountFailure,
  recordThrottledFailure,
  resetAccountFailures,
  throttleKey,
} from './loginThrottle.js';
export { CURRENT_HASH_PREFIX, getDummyHash, hashPassword, verifyPassword } from './passwords.js';
export {
  type CreateUserInput,
  findUserByUsername,
  getUser,
  insertUser,
  type NewUserRow,
  USER_COLUMNS,
  type User,
  UserError,
  type UserErrorCode,
  type UserRole,
  type UserRow,
  type UserUpdate,
  updateUserRow,
  userFromRow,
  userWithHash,
} from './userRecords.js';

const refused = (code: UserErrorCode, p: AccountProblem) => new UserError(code, message(p.key, p.params));

/**
 * Creates an account: checks the username, scope and password rules (core), hashes the password,
 * inserts.
 * @deprecated a leftover for the server's start-up (platform/serve.ts), other features' tests and
 *   bench/server.mjs; the server's accounts/accountCreation.ts createUser is the command (it refuses
 *   with core's Refusal).
 * @throws UserError invalid_username | invalid_display_name | invalid_scope | weak_password |
 *   duplicate_username (usernames are unique regardless of case)
 */
export async function createUser(db: Queryable, input: CreateUserInput): Promise<User> {
  const name = normaliseUsername(input.username);
  if (!name.ok) throw refused('invalid_username', name.problem);
  const displayName = normaliseDisplayName(input.displayName);
  if (!displayName.ok) throw refused('invalid_display_name', displayName.problem);
  const regionCode = input.regionCode ?? null;
  const schoolId = input.schoolId ?? null;
  const scope = accountScopeProblem(input.role, regionCode, schoolId);
  if (scope) throw refused('invalid_scope', scope);
  const weak = passwordWeakness(input.password, name.name);
  if (weak) throw refused('weak_password', weak);
  // Checked first so that a duplicate costs no hashing; the unique index decides under a race.
  const early = await findUserByUsername(db, name.name);
  if (early) throw refused('duplicate_username', usernameTaken(name.name, early.username));
  const inserted = await insertUser(db, {
    username: name.name,
    passwordHash: await hashPassword(input.password),
    displayName: displayName.name,
    role: input.role,
    regionCode,
    schoolId,
    now: input.now ?? new Date(),
  });
  if ('user' in inserted) return inserted.user;
  if (inserted.violated === 'unique') {
    throw refused('duplicate_username', { key: 'accounts.usernameTaken', params: { username: name.name } });
  }
  throw refused(
    'invalid_scope',
    schoolId !== null
      ? { key: 'accounts.schoolMissing', params: { schoolId } }
      : { key: 'accounts.regionMissing', params: { regionCode } },
  );
}
