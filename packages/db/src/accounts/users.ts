/**
 * @module Accounts (`app_user`): password hashing (argon2id), the password rules, creating a user,
 * logging in with lockout, and changing a password. The HTTP layer adds the cookie, CSRF and
 * per-IP rate limiting on top (see sessions.ts for the server-side sessions).
 */

import { hash, verify } from '@node-rs/argon2';
import { appendAudit } from '../audit/audit.js';
import { type Database, type Queryable, sqlState } from '../platform/database.js';
import { ERROR_CODES } from '../platform/errors.js';

export type UserRole = 'system_admin' | 'bureau' | 'inspector' | 'principal' | 'school' | 'viewer';

const ROLES: readonly UserRole[] = ['system_admin', 'bureau', 'inspector', 'principal', 'school', 'viewer'];

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

// ── Password hashing ─────────────────────────────────────────────────────────────────────────

/**
 * argon2id with m = 19456 KiB (19 MiB), t = 2, p = 1: the OWASP Password Storage Cheat Sheet's
 * minimum configuration for argon2id. About 20–50 ms per hash on the project's machines; raise it
 * (and let {@link authenticate} rehash on login) if the hardware allows.
 */
const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;
/** The PHC prefix of a hash made with {@link ARGON2_OPTIONS}; other hashes are upgraded on login. */
const CURRENT_HASH_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

/** Passwords are compared in Unicode NFC, so the same text typed through different IMEs matches. */
const normalise = (password: string): string => password.normalize('NFC');

/**
 * Hashes a password for storage (PHC string `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`, random salt).
 * @param password the plain password
 */
export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), ARGON2_OPTIONS);
}

/**
 * Checks a password against a stored hash. A malformed stored hash counts as a mismatch.
 * @param stored the PHC string from {@link hashPassword}
 * @param password the plain password
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalise(password));
  } catch {
    return false;
  }
}

// A hash of a random password with the same parameters: an unknown username is checked against it,
// so the answer takes as long as for a real account (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(`junheng-dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}

// ── Password rules ───────────────────────────────────────────────────────────────────────────

export const PASSWORD_MIN_LENGTH = 10;
/** Upper bound, so that a login request cannot make the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

// Passwords made of one of these plus digits and symbols (Admin@12345, password2024, qwertyuiop…).
const COMMON_WORDS = new Set([
  'password',
  'passwd',
  'passw',
  'pass',
  'pwd',
  'admin',
  'administrator',
  'root',
  'user',
  'test',
  'guest',
  'welcome',
  'letmein',
  'iloveyou',
  'woaini',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'qaz',
  'qazwsx',
  'qazwsxedc',
  'wsx',
  'qwe',
  'asd',
  'zxc',
  'abc',
  'abcd',
  'abcde',
  'abcdef',
  'abcdefg',
  'abcdefgh',
  'abcdefghij',
  'aaa',
  'junheng',
  'jiaoyu',
  'jiaoyuju',
  'school',
]);
const DIGIT_RUNS = ['01234567890', '09876543210'];

/**
 * Checks a new password against the rules: at least 10 characters (at most 256), not only digits,
 * not containing the username, not an obvious one (a common word or keyboard row plus digits or
 * symbols, a counting sequence, one character repeated).
 * @param password the proposed password
 * @param username the account's username (case is ignored)
 * @returns what is wrong, in Chinese, or null when the password is acceptable
 */
export function checkPasswordStrength(password: string, username: string): string | null {
  const pw = normalise(password);
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符（当前 ${length} 个）`;
  }
  if (length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`;
  if (/^\d+$/.test(pw)) return '密码不能全是数字，请加入字母或符号';
  const lower = pw.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name !== '' && lower.includes(name)) return '密码不能包含用户名';
  if (new Set(pw).size < 4) return '密码中重复的字符太多，请使用更多不同的字符';
  const letters = lower.replace(/[^\p{L}]/gu, '');
  const digits = lower.replace(/\D/g, '');
  const obvious =
    COMMON_WORDS.has(letters) ||
    (letters === '' && digits.length >= 6 && DIGIT_RUNS.some((run) => run.includes(digits)));
  if (obvious) return '密码过于常见（如 admin123、password 加数字、键盘连续字符），请换一个不易猜到的密码';
  return null;
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
const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));

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

const SELECT_USER = `SELECT ${USER_COLUMNS.join(', ')}, password_hash FROM app_user`;

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

// ── Usernames ────────────────────────────────────────────────────────────────────────────────

export const USERNAME_MIN_LENGTH = 2;
export const USERNAME_MAX_LENGTH = 64;

/**
 * What a username may not contain, checked in order after NFKC (which already turns full-width
 * letters and digits typed through an IME into ASCII). The allowed repertoire is Unicode's
 * "highly restrictive" profile (UTS #39) narrowed to what a county uses: ASCII letters, digits,
 * `. _ - @` and Chinese characters, so no name can copy another with a Cyrillic а or Greek ο.
 */
const USERNAME_RULES: readonly { bad: RegExp; message: string }[] = [
  {
    bad: /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u,
    message: '用户名含有看不见的字符（如零宽空格、文字方向控制符），请删除后重新输入',
  },
  { bad: /\s/u, message: '用户名不能含空格' },
  {
    bad: /[^A-Za-z0-9._@\-\p{Script=Han}]/u,
    message:
      '用户名只能由英文字母、数字、汉字和 . _ - @ 组成，不能含其他文字的字母（如形似英文字母的俄文、希腊字母）',
  },
];

/**
 * The one form of a username: NFKC, trimmed, checked against {@link USERNAME_RULES} and the length.
 * Used when an account is created or renamed and when someone logs in, so `ａdmin` typed with a
 * full-width IME is `admin`, and `ad​min` with a zero-width space is nobody.
 * @returns the normalised name, or what is wrong with it (Chinese)
 */
export function normaliseUsername(raw: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.normalize('NFKC').trim();
  for (const rule of USERNAME_RULES) if (rule.bad.test(name)) return { ok: false, message: rule.message };
  const length = [...name].length;
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
    return { ok: false, message: `用户名须为 ${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} 个字符` };
  }
  return { ok: true, name };
}

/**
 * A display name (姓名) as stored: NFC (not NFKC: full-width Chinese punctuation such as （只读）
 * is how names are written, and a display name never identifies an account), trimmed, not empty,
 * no invisible characters.
 * @throws UserError invalid_display_name
 */
export function normaliseDisplayName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name === '') throw new UserError('invalid_display_name', '姓名（显示名）不能为空');
  if (USERNAME_RULES[0]!.bad.test(name)) {
    throw new UserError(
      'invalid_display_name',
      '姓名含有看不见的字符（如零宽空格、文字方向控制符），请删除后重新输入',
    );
  }
  return name;
}

/** The username of a new or renamed account. @throws UserError invalid_username */
export function checkedUsername(raw: string): string {
  const r = normaliseUsername(raw);
  if (!r.ok) throw new UserError('invalid_username', r.message);
  return r.name;
}

/** The error for a username taken (in any case) by another account. */
export async function duplicateUsername(
  db: Queryable,
  username: string,
  exceptId: number | null = null,
): Promise<UserError | undefined> {
  const existing = await findUserByUsername(db, username);
  if (!existing || existing.id === exceptId) return undefined;
  return new UserError(
    'duplicate_username',
    existing.username === username
      ? `用户名“${username}”已被使用`
      : `用户名“${username}”已被使用（已有用户“${existing.username}”，用户名不区分大小写）`,
  );
}

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
  const now = (input.now ?? new Date()).toISOString();
  try {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO app_user (username, password_hash, display_name, role, region_code, school_id,
                             password_changed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz, $7::timestamptz)
       RETURNING ${USER_COLUMNS.join(', ')}`,
      [username, passwordHash, displayName, input.role, regionCode, schoolId, now],
    );
    return userFromRow(rows[0]!);
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

// ── Logging in ───────────────────────────────────────────────────────────────────────────────

/** Wrong passwords in a row (for one name from one address) that pause it there. */
export const MAX_FAILED_LOGINS = 5;
/** How long a paused name (or a locked account) stays so. */
export const LOCKOUT_MINUTES = 15;
/** Counts of failures older than this, without a current pause, are forgotten. */
const THROTTLE_MEMORY_HOURS = 24;

export type AuthResult =
  | { ok: true; user: User }
  | { ok: false; code: 'invalid' | 'locked' | 'disabled'; message: string };

/** The one answer for an unknown username and for a wrong password. */
export const INVALID_LOGIN_MESSAGE = '用户名或密码不正确';

const minutesLeft = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/** The account itself is locked (wrong current passwords while changing it). */
function lockedMessage(lockedUntil: Date, now: Date): string {
  return `连续 ${MAX_FAILED_LOGINS} 次密码错误，账户已锁定，请 ${minutesLeft(lockedUntil, now)} 分钟后再试或联系管理员解锁`;
}

/** A name is paused from one address: the same words whether or not the name exists. */
function throttledMessage(until: Date, now: Date): string {
  return `连续 ${MAX_FAILED_LOGINS} 次用户名或密码错误，此用户名已暂停从本机登录，请 ${minutesLeft(until, now)} 分钟后再试或联系管理员解锁`;
}

/** The throttle key of a typed name: one key for Zhang3, zhang3 and ｚｈａｎｇ３. */
const throttleKey = (name: string) => name.toLowerCase();

/** Until when a name is paused from an address (null: not paused). */
async function pausedUntil(db: Queryable, key: string, source: string, now: Date): Promise<Date | null> {
  const { rows } = await db.query<{ locked_until: unknown }>(
    'SELECT locked_until FROM login_throttle WHERE name_key = $1 AND source = $2',
    [key, source],
  );
  const until = toDateOrNull(rows[0]?.locked_until);
  return until && until > now ? until : null;
}

/**
 * Counts a wrong password for a name from an address: the 5th in a row pauses the name there for
 * 15 minutes (and restarts the count, so after the pause there are again 5 tries). One statement,
 * so concurrent failures all count. Forgets counts that are a day old.
 * @returns the count so far and, when this failure paused the name, until when
 */
async function recordThrottledFailure(
  db: Queryable,
  key: string,
  source: string,
  now: Date,
): Promise<{ failures: number; pausedUntil: Date | null }> {
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const forget = new Date(now.getTime() - THROTTLE_MEMORY_HOURS * 3_600_000);
  await db.query(
    'DELETE FROM login_throttle WHERE updated_at < $1::timestamptz AND (locked_until IS NULL OR locked_until < $1::timestamptz)',
    [forget.toISOString()],
  );
  const { rows } = await db.query<{ failures: number; locked_until: unknown }>(
    `INSERT INTO login_throttle AS t (name_key, source, failures, locked_until, updated_at)
     VALUES ($1, $2, 1, NULL, $5::timestamptz)
     ON CONFLICT (name_key, source) DO UPDATE SET
       failures = CASE WHEN t.failures + 1 >= $3 THEN 0 ELSE t.failures + 1 END,
       locked_until = CASE WHEN t.failures + 1 >= $3 THEN $4::timestamptz ELSE t.locked_until END,
       updated_at = $5::timestamptz
     RETURNING failures, locked_until`,
    [key, source, MAX_FAILED_LOGINS, until.toISOString(), now.toISOString()],
  );
  const row = rows[0]!;
  const lockedUntil = toDateOrNull(row.locked_until);
  // RETURNING sees the new row: this failure paused the name when locked_until is this pause.
  const paused = lockedUntil && lockedUntil.getTime() === until.getTime() ? lockedUntil : null;
  return { failures: paused ? MAX_FAILED_LOGINS : Number(row.failures), pausedUntil: paused };
}

/**
 * Ends every pause and count of a user's name, from every address (an administrator's 解锁, a
 * password reset, enabling the account).
 * @returns until when the name was paused (the latest, null if it was not) and how many rows went
 */
export async function clearLoginThrottle(
  db: Queryable,
  username: string,
): Promise<{ pausedUntil: Date | null; cleared: number }> {
  const { rows } = await db.query<{ locked_until: unknown }>(
    'DELETE FROM login_throttle WHERE name_key = $1 RETURNING locked_until',
    [throttleKey(username)],
  );
  const times = rows.map((r) => toDateOrNull(r.locked_until)).filter((d): d is Date => d !== null);
  const latest = times.length > 0 ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
  return { pausedUntil: latest, cleared: rows.length };
}

/**
 * Checks a username and password.
 * - The name is normalised as when accounts are made (NFKC: full-width letters are ASCII); one
 *   with invisible characters or letters of another script is refused with what is wrong.
 * - Unknown username and wrong password give the same code and message, and an unknown username is
 *   still checked against a dummy hash, so neither the answer nor its timing tells whether it exists.
 * - 5 wrong passwords in a row for a name from one address (`ip`) pause that name from that address
 *   for 15 minutes (`locked`, without checking the password meanwhile). Unknown names are counted
 *   and paused the same way, so the pause tells nothing either; the owner elsewhere is not locked
 *   out. An account locked by wrong current passwords in changePassword is locked everywhere.
 * - A disabled account answers `disabled` only after the right password.
 * - Success clears the count of that name from that address (and rehashes a password stored with
 *   older parameters).
 * @param now the time of the attempt (lockout arithmetic)
 * @param ip the address the attempt came from (null: counted as one unknown address)
 */
export async function authenticate(
  db: Queryable | Database,
  username: string,
  password: string,
  now: Date,
  ip: string | null = null,
): Promise<AuthResult> {
  // Who signed in, who failed and which account locked is audited for a known account; attempts
  // on unknown names are not (they would let anyone fill the log; the rate limit bounds them).
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
  const invalid: AuthResult = { ok: false, code: 'invalid', message: INVALID_LOGIN_MESSAGE };
  const typed = username.normalize('NFKC').trim();
  const checked = normaliseUsername(typed);
  const tooLong = [...password].length > PASSWORD_MAX_LENGTH;
  if (!checked.ok) {
    // Empty or too long: the usual answer. Look-alike characters: say which, so the user retypes.
    if (typed === '' || [...typed].length < USERNAME_MIN_LENGTH || [...typed].length > USERNAME_MAX_LENGTH) {
      await verifyPassword(await getDummyHash(), tooLong ? '' : password);
      return invalid;
    }
    return { ok: false, code: 'invalid', message: checked.message };
  }
  const name = checked.name;
  const key = throttleKey(name);
  const source = ip ?? '';
  const paused = await pausedUntil(db, key, source, now);
  if (paused) return { ok: false, code: 'locked', message: throttledMessage(paused, now) };

  const { rows } = await db.query<UserRow & { password_hash: string }>(
    `${SELECT_USER} WHERE lower(username) = lower($1)`,
    [name],
  );
  const row = rows[0];
  const user = row ? userFromRow(row) : null;
  if (user?.lockedUntil && user.lockedUntil > now) {
    return { ok: false, code: 'locked', message: lockedMessage(user.lockedUntil, now) };
  }
  let matches = false;
  if (row) matches = !tooLong && (await verifyPassword(row.password_hash, password));
  else await verifyPassword(await getDummyHash(), tooLong ? '' : password);
  if (!row || !user || !matches) {
    const failure = await recordThrottledFailure(db, key, source, now);
    const audited = user !== null && user.disabledAt === null;
    if (failure.pausedUntil) {
      if (audited) await audit(user, 'auth.lockout', { lockedUntil: failure.pausedUntil.toISOString() });
      return { ok: false, code: 'locked', message: throttledMessage(failure.pausedUntil, now) };
    }
    if (audited) await audit(user, 'auth.loginFailed', { failedLogins: failure.failures });
    return invalid;
  }
  if (user.disabledAt) return { ok: false, code: 'disabled', message: '该账户已停用，请联系管理员' };
  await audit(user, 'auth.login', {});
  await db.query('DELETE FROM login_throttle WHERE name_key = $1 AND source = $2', [key, source]);
  const rehash = !row.password_hash.startsWith(CURRENT_HASH_PREFIX) ? await hashPassword(password) : null;
  if (user.failedLogins > 0 || user.lockedUntil !== null || rehash) {
    const { rows: updated } = await db.query<UserRow>(
      `UPDATE app_user SET failed_logins = 0, locked_until = NULL, password_hash = COALESCE($2, password_hash)
       WHERE id = $1 RETURNING ${USER_COLUMNS.join(', ')}`,
      [user.id, rehash],
    );
    if (updated[0]) return { ok: true, user: userFromRow(updated[0]) };
  }
  return { ok: true, user };
}

/**
 * Counts a wrong current password given while changing one's password (the user is signed in, so
 * this locks the account itself): the 5th in a row locks it for 15 minutes. One statement, so
 * concurrent failures all count.
 * @returns locked_until when this failure locked the account, else null
 */
async function recordFailure(db: Queryable, userId: number, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const { rows } = await db.query<{ locked_until: unknown }>(
    `UPDATE app_user SET
       failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
       updated_at = $4::timestamptz
     WHERE id = $1
     RETURNING locked_until`,
    [userId, MAX_FAILED_LOGINS, until.toISOString(), now.toISOString()],
  );
  // RETURNING sees the new row: this failure locked the account when locked_until is this lock.
  const row = rows[0];
  if (!row) return null;
  const lockedUntil = toDateOrNull(row.locked_until);
  return lockedUntil && lockedUntil.getTime() === until.getTime() ? lockedUntil : null;
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
  const { rows } = await db.query<UserRow & { password_hash: string }>(`${SELECT_USER} WHERE id = $1`, [
    userId,
  ]);
  const row = rows[0];
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
    await tx.query(
      `UPDATE app_user SET password_hash = $2, password_changed_at = $3::timestamptz, updated_at = $3::timestamptz,
                           failed_logins = 0, locked_until = NULL
       WHERE id = $1`,
      [userId, passwordHash, now.toISOString()],
    );
    const ended = await tx.query('DELETE FROM session WHERE user_id = $1 AND id IS DISTINCT FROM $2', [
      userId,
      keepSessionId ?? null,
    ]);
    // Who changed a password and when is audited; the password itself never is.
    await appendAudit(tx, {
      actor: user.username,
      actorId: user.id,
      action: 'user.changePassword',
      entity: 'app_user',
      entityId: String(user.id),
      after: { passwordChanged: true, sessionsEnded: ended.rowCount },
      at: now,
    });
    return { sessionsEnded: ended.rowCount };
  });
}
