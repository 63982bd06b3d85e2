/**
 * @module Checking a username and password, with the lockout and the audit events of sign-ins.
 * @deprecated a leftover for platform/serve.test.ts and bench/checks.mjs: the command is the
 *   server's accounts/login.ts `authenticate` (same steps, same answers); remove this one when they
 *   call it.
 */
import {
  MAX_FAILED_LOGINS,
  type MessageKey,
  type MessageParams,
  message,
  minutesLeft,
  normaliseUsername,
  PASSWORD_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
} from '@junheng/core';
import { appendAudit } from '../audit/audit.js';
import type { Database, Queryable } from '../platform/database.js';
import {
  clearThrottle,
  pausedUntil,
  recordThrottledFailure,
  resetAccountFailures,
  throttleKey,
} from './loginThrottle.js';
import { CURRENT_HASH_PREFIX, getDummyHash, hashPassword, verifyPassword } from './passwords.js';
import { type User, userFromRow, userWithHash } from './userRecords.js';

export type AuthResult =
  | { ok: true; user: User }
  | { ok: false; code: 'invalid' | 'locked' | 'disabled'; message: string };

const no = (
  code: 'invalid' | 'locked' | 'disabled',
  key: MessageKey,
  params?: MessageParams,
): AuthResult => ({
  ok: false,
  code,
  message: message(key, params),
});
const locked = (key: 'accounts.accountLocked' | 'accounts.loginPaused', until: Date, now: Date) =>
  no('locked', key, { max: MAX_FAILED_LOGINS, minutes: minutesLeft(until, now) });

/** Checks a username and password (server/src/accounts/login.ts says how). */
export async function authenticate(
  db: Queryable | Database,
  username: string,
  password: string,
  now: Date,
  ip: string | null = null,
): Promise<AuthResult> {
  const audit = (user: User, action: string, after: Record<string, unknown>) =>
    appendAudit(db, {
      actor: user.username,
      actorId: user.id,
      action,
      entity: 'app_user',
      entityId: String(user.id),
      after,
      ip,
      at: now,
    });
  const invalid = no('invalid', 'accounts.invalidLogin');
  const typed = username.normalize('NFKC').trim();
  const checked = normaliseUsername(typed);
  const tooLong = [...password].length > PASSWORD_MAX_LENGTH;
  if (!checked.ok) {
    if (typed === '' || [...typed].length < USERNAME_MIN_LENGTH || [...typed].length > USERNAME_MAX_LENGTH) {
      await verifyPassword(await getDummyHash(), tooLong ? '' : password);
      return invalid;
    }
    return no('invalid', checked.problem.key, checked.problem.params);
  }
  const key = throttleKey(checked.name);
  const source = ip ?? '';
  const paused = await pausedUntil(db, key, source, now);
  if (paused) return locked('accounts.loginPaused', paused, now);
  const row = await userWithHash(db, { username: checked.name });
  const user = row ? userFromRow(row) : null;
  if (user?.lockedUntil && user.lockedUntil > now)
    return locked('accounts.accountLocked', user.lockedUntil, now);
  let matches = false;
  if (row) matches = !tooLong && (await verifyPassword(row.password_hash, password));
  else await verifyPassword(await getDummyHash(), tooLong ? '' : password);
  if (!row || !user || !matches) {
    const failure = await recordThrottledFailure(db, key, source, now);
    const audited = user !== null && user.disabledAt === null;
    if (failure.pausedUntil) {
      if (audited) await audit(user, 'auth.lockout', { lockedUntil: failure.pausedUntil.toISOString() });
      return locked('accounts.loginPaused', failure.pausedUntil, now);
    }
    if (audited) await audit(user, 'auth.loginFailed', { failedLogins: failure.failures });
    return invalid;
  }
  if (user.disabledAt) return no('disabled', 'accounts.accountDisabled');
  await audit(user, 'auth.login', {});
  await clearThrottle(db, key, source);
  const rehash = !row.password_hash.startsWith(CURRENT_HASH_PREFIX) ? await hashPassword(password) : null;
  if (user.failedLogins > 0 || user.lockedUntil !== null || rehash) {
    const updated = await resetAccountFailures(db, user.id, rehash);
    if (updated) return { ok: true, user: userFromRow(updated) };
  }
  return { ok: true, user };
}
