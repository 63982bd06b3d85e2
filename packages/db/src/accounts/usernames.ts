/**
 * @module Usernames and display names: how a typed name is normalised (NFKC) and checked, and the
 * one answer for a name already in use (usernames are unique regardless of case).
 */
import type { Queryable } from '../platform/database.js';
import { findUserByUsername, UserError } from './userRecords.js';

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
