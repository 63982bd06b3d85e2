/**
 * @module Accounts (`app_user`), gathered here from the modules that hold them: password hashing
 * (./passwords.ts), reading and writing account rows (./userRecords.ts, ./adminUsers.ts), the
 * counts of wrong passwords (./loginThrottle.ts) and sessions (./sessions.ts). The rules are core's
 * (accounts/); the commands — logging in, creating, changing and unlocking accounts, changing one's
 * password — are the server's (server/src/accounts/).
 */
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
  type UserRole,
  type UserRow,
  type UserUpdate,
  updateUserRow,
  userFromRow,
  userWithHash,
} from './userRecords.js';
