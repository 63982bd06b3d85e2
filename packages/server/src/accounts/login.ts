/**
 * @module Signing in and out: checking a username and password with the same answer and timing for
 * unknown names, pausing a name from an address after repeated wrong passwords, the audit events
 * of sign-ins and lockouts, and the session that a sign-in starts.
 *
 * Decisions:
 * - The name is normalised as when accounts are made (NFKC: full-width letters are ASCII); one
 *   with invisible characters or letters of another script is refused with what is wrong.
 * - Unknown username and wrong password give the same code and message, and an unknown username is
 *   still checked against a dummy hash, so neither the answer nor its timing tells whether it exists.
 * - 5 wrong passwords in a row for a name from one address (`ip`) pause that name from that address
 *   for 15 minutes (`locked`, without checking the password meanwhile). Unknown names are counted
 *   and paused the same way, so the pause tells nothing either; the owner elsewhere is not locked
 *   out. An account locked by wrong current passwords (passwordCommands.ts) is locked everywhere.
 * - A disabled account answers `disabled` only after the right password.
 * - Success clears the count of that name from that address (and rehashes a password stored with
 *   older parameters).
 * - Who signed in, who failed and which account locked is audited for a known account; attempts on
 *   unknown names are not (they would let anyone fill the log; the rate limit bounds them). Nothing
 *   here runs in one transaction: a failure's count and audit event must stay although the
 *   attempt is refused.
 */
import {
  MAX_FAILED_LOGINS,
  type MessageKey,
  type MessageParams,
  message,
  minutesLeft,
  normaliseUsername,
  PASSWORD_MAX_LENGTH,
  Refusal,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
} from '@junheng/core';
import {
  appendAudit,
  CURRENT_HASH_PREFIX,
  clearThrottle,
  createSession,
  type Database,
  deleteSession,
  getDummyHash,
  hashPassword,
  type NewSession,
  pausedUntil,
  placeOfUser,
  type Queryable,
  recordThrottledFailure,
  resetAccountFailures,
  throttleKey,
  type User,
  userFromRow,
  userWithHash,
  verifyPassword,
} from '@junheng/db';
import { ApiError } from '../platform/errors.js';

export type AuthFailure = 'invalid' | 'locked' | 'disabled';

/** A login's outcome; a refusal carries its catalogue key and parameters and the zh-CN words. */
export type AuthResult =
  | { ok: true; user: User }
  | { ok: false; code: AuthFailure; key: MessageKey; params: MessageParams; message: string };

const no = (code: AuthFailure, key: MessageKey, params: MessageParams = {}): AuthResult => ({
  ok: false,
  code,
  key,
  params,
  message: message(key, params),
});

/** The account locked, or the name paused from this address, for so many more minutes. */
const locked = (key: 'accounts.accountLocked' | 'accounts.loginPaused', until: Date, now: Date) =>
  no('locked', key, { max: MAX_FAILED_LOGINS, minutes: minutesLeft(until, now) });

/** Records a sign-in event of a known account, as that account, at the attempt's time. */
function auditSignIn(
  db: Database | Queryable,
  user: User,
  action: string,
  after: Record<string, unknown>,
  at: { ip: string | null; now: Date },
) {
  return appendAudit(db, {
    actor: user.username,
    actorId: user.id,
    action,
    entity: 'app_user',
    entityId: String(user.id),
    after,
    ip: at.ip,
    at: at.now,
  });
}

/** The typed name checked: its normal form, or the answer to give at once. */
async function typedName(username: string, password: string): Promise<{ name: string } | AuthResult> {
  const typed = username.normalize('NFKC').trim();
  const checked = normaliseUsername(typed);
  if (checked.ok) return { name: checked.name };
  const length = [...typed].length;
  // Empty or too long: the usual answer, after the usual work. Look-alike characters: say which,
  // so the user retypes.
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
    await verifyPassword(await getDummyHash(), [...password].length > PASSWORD_MAX_LENGTH ? '' : password);
    return no('invalid', 'accounts.invalidLogin');
  }
  return no('invalid', checked.problem.key, checked.problem.params);
}

/**
 * Checks a username and password (the module comment says how).
 * @param now the time of the attempt (lockout arithmetic, the audit events' time)
 * @param ip the address the attempt came from (null: counted as one unknown address)
 */
export async function authenticate(
  db: Database | Queryable,
  username: string,
  password: string,
  now: Date,
  ip: string | null = null,
): Promise<AuthResult> {
  const typed = await typedName(username, password);
  if (!('name' in typed)) return typed;
  const key = throttleKey(typed.name);
  const source = ip ?? '';
  const at = { ip, now };
  const paused = await pausedUntil(db, key, source, now);
  if (paused) return locked('accounts.loginPaused', paused, now);

  const row = await userWithHash(db, { username: typed.name });
  const user = row ? userFromRow(row) : null;
  if (user?.lockedUntil && user.lockedUntil > now)
    return locked('accounts.accountLocked', user.lockedUntil, now);
  const tooLong = [...password].length > PASSWORD_MAX_LENGTH;
  let matches = false;
  if (row) matches = !tooLong && (await verifyPassword(row.password_hash, password));
  else await verifyPassword(await getDummyHash(), tooLong ? '' : password);
  if (!row || !user || !matches) {
    const failure = await recordThrottledFailure(db, key, source, now);
    const audited = user !== null && user.disabledAt === null;
    if (failure.pausedUntil) {
      if (audited)
        await auditSignIn(db, user, 'auth.lockout', { lockedUntil: failure.pausedUntil.toISOString() }, at);
      return locked('accounts.loginPaused', failure.pausedUntil, now);
    }
    if (audited) await auditSignIn(db, user, 'auth.loginFailed', { failedLogins: failure.failures }, at);
    return no('invalid', 'accounts.invalidLogin');
  }
  if (user.disabledAt) return no('disabled', 'accounts.accountDisabled');
  await auditSignIn(db, user, 'auth.login', {}, at);
  await clearThrottle(db, key, source);
  const rehash = !row.password_hash.startsWith(CURRENT_HASH_PREFIX) ? await hashPassword(password) : null;
  if (user.failedLogins > 0 || user.lockedUntil !== null || rehash) {
    const updated = await resetAccountFailures(db, user.id, rehash);
    if (updated) return { ok: true, user: userFromRow(updated) };
  }
  return { ok: true, user };
}

/** Where a signed-in user belongs: the names of their region and school, for the page's header. */
export type UserPlace = Awaited<ReturnType<typeof placeOfUser>>;

export interface LogInProps {
  username: string;
  password: string;
  now: Date;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Signs in: checks the username and password and starts a session.
 * @returns the user, where they belong, and the new session (its token goes into the cookie only)
 * @throws Refusal lockedOut (429); ApiError invalidLogin or accountDisabled (401: codes the refusal
 *   table has not got)
 */
export async function logIn(
  db: Database,
  props: LogInProps,
): Promise<{ user: User; place: UserPlace; session: NewSession }> {
  const result = await authenticate(db, props.username, props.password, props.now, props.ip);
  if (!result.ok) {
    if (result.code === 'locked') throw new Refusal('lockedOut', result.key, result.params);
    throw new ApiError(401, result.code === 'disabled' ? 'accountDisabled' : 'invalidLogin', result.message);
  }
  const session = await createSession(db, result.user.id, props.now, {
    ip: props.ip,
    userAgent: props.userAgent,
  });
  return { user: result.user, place: await signedInPlace(db, result.user), session };
}

/** Where the signed-in user belongs (GET /auth/me). */
export function signedInPlace(db: Database | Queryable, user: User): Promise<UserPlace> {
  return placeOfUser(db, user.regionCode, user.schoolId);
}

/** Signs out: ends the session of the cookie's token (nothing when there is none). */
export async function logOut(db: Database, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, token);
}
