/**
 * @module The password rule as the server states it (packages/db checkPasswordStrength), checked
 * in the form before sending so the user sees the reason at once. The server has the last word.
 */

export const PASSWORD_MIN_LENGTH = 10;

/** The rule, shown next to every new-password input. */
export const PASSWORD_RULE =
  '至少 10 个字符；不能全是数字；不能包含用户名；不能是常见密码（如 admin123、password 加数字、键盘连续字符）';

/**
 * What is wrong with a new password, or null (the server may still refuse a common one).
 * @param password the proposed password
 * @param username the account's username
 */
export function passwordProblem(password: string, username: string): string | null {
  const pw = password.normalize('NFC');
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符（当前 ${length} 个）`;
  if (length > 256) return '密码不能超过 256 个字符';
  if (/^\d+$/.test(pw)) return '密码不能全是数字，请加入字母或符号';
  const name = username.trim().toLowerCase();
  if (name !== '' && pw.toLowerCase().includes(name)) return '密码不能包含用户名';
  if (new Set(pw).size < 4) return '密码中重复的字符太多，请使用更多不同的字符';
  return null;
}
