/**
 * @module The rules a new password must meet (the server's last word; the web's form checks the
 * simple ones before sending). Hashing is packages/db accounts/passwords.ts.
 */
import type { AccountProblem } from './problem.js';

export const PASSWORD_MIN_LENGTH = 10;
/** Upper bound, so that a login request cannot make the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

/** Passwords are compared in Unicode NFC, so the same text typed through different IMEs matches. */
export const normalisePassword = (password: string): string => password.normalize('NFC');

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
 * @returns what is wrong, or null when the password is acceptable
 */
export function passwordWeakness(password: string, username: string): AccountProblem | null {
  const pw = normalisePassword(password);
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { key: 'accounts.passwordTooShort', params: { min: PASSWORD_MIN_LENGTH, length } };
  }
  if (length > PASSWORD_MAX_LENGTH)
    return { key: 'accounts.passwordTooLong', params: { max: PASSWORD_MAX_LENGTH } };
  if (/^\d+$/.test(pw)) return { key: 'accounts.passwordAllDigits' };
  const lower = pw.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name !== '' && lower.includes(name)) return { key: 'accounts.passwordHasUsername' };
  if (new Set(pw).size < 4) return { key: 'accounts.passwordRepetitive' };
  const letters = lower.replace(/[^\p{L}]/gu, '');
  const digits = lower.replace(/\D/g, '');
  const obvious =
    COMMON_WORDS.has(letters) ||
    (letters === '' && digits.length >= 6 && DIGIT_RUNS.some((run) => run.includes(digits)));
  if (obvious) return { key: 'accounts.passwordCommon' };
  return null;
}
