/**
 * @module Usernames and display names: how a typed name is normalised (NFKC) and checked. Used when
 * an account is created or renamed and when someone logs in.
 */
import type { AccountProblem } from './problem.js';

export const USERNAME_MIN_LENGTH = 2;
export const USERNAME_MAX_LENGTH = 64;

/** The punctuation a username may contain besides letters, digits and Chinese characters. */
const USERNAME_PUNCTUATION = '. _ - @';

/** Invisible characters: control, format, private use, unassigned, separators, ignorables. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/**
 * What a username may not contain, checked in order after NFKC (which already turns full-width
 * letters and digits typed through an IME into ASCII). The allowed repertoire is Unicode's
 * "highly restrictive" profile (UTS #39) narrowed to what a county uses: ASCII letters, digits,
 * `. _ - @` and Chinese characters, so no name can copy another with a Cyrillic а or Greek ο.
 */
const USERNAME_RULES: readonly { bad: RegExp; problem: AccountProblem }[] = [
  { bad: INVISIBLE, problem: { key: 'accounts.usernameInvisible' } },
  { bad: /\s/u, problem: { key: 'accounts.usernameSpace' } },
  {
    bad: /[^A-Za-z0-9._@\-\p{Script=Han}]/u,
    problem: { key: 'accounts.usernameCharacters', params: { allowed: USERNAME_PUNCTUATION } },
  },
];

/**
 * The one form of a username: NFKC, trimmed, checked against the rules and the length. `ａdmin`
 * typed with a full-width IME is `admin`, and `ad​min` with a zero-width space is nobody.
 * @returns the normalised name, or what is wrong with it
 */
export function normaliseUsername(
  raw: string,
): { ok: true; name: string } | { ok: false; problem: AccountProblem } {
  const name = raw.normalize('NFKC').trim();
  for (const rule of USERNAME_RULES) if (rule.bad.test(name)) return { ok: false, problem: rule.problem };
  const length = [...name].length;
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
    return {
      ok: false,
      problem: {
        key: 'accounts.usernameLength',
        params: { min: USERNAME_MIN_LENGTH, max: USERNAME_MAX_LENGTH },
      },
    };
  }
  return { ok: true, name };
}

/**
 * A display name (姓名) as stored: NFC (not NFKC: full-width Chinese punctuation such as （只读）
 * is how names are written, and a display name never identifies an account), trimmed, not empty,
 * no invisible characters.
 */
export function normaliseDisplayName(
  raw: string,
): { ok: true; name: string } | { ok: false; problem: AccountProblem } {
  const name = raw.normalize('NFC').trim();
  if (name === '') return { ok: false, problem: { key: 'accounts.displayNameEmpty' } };
  if (INVISIBLE.test(name)) return { ok: false, problem: { key: 'accounts.displayNameInvisible' } };
  return { ok: true, name };
}

/**
 * A username already in use: the plain words when the other account has it exactly, naming the
 * other account when only the case differs (usernames are unique regardless of case).
 * @param username the name asked for
 * @param existing the username of the account that has it
 */
export function usernameTaken(username: string, existing: string): AccountProblem {
  return existing === username
    ? { key: 'accounts.usernameTaken', params: { username } }
    : { key: 'accounts.usernameTakenOtherCase', params: { username, existing } };
}
