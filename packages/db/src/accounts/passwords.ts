/**
 * @module Passwords: hashing (argon2id) and checking them, and the rules a new password must meet.
 * The plain password is never stored nor logged; only its hash is kept in `app_user`.
 */
import { hash, verify } from '@node-rs/argon2';

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
export const CURRENT_HASH_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

/** Passwords are compared in Unicode NFC, so the same text typed through different IMEs matches. */
export const normalise = (password: string): string => password.normalize('NFC');

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
export function getDummyHash(): Promise<string> {
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
