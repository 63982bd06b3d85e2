/**
 * @module The text rules of `junheng-lottery-v1` that an independent verifier must reproduce
 * exactly (docs/lottery.md §2): how a list file's bytes become text (strict UTF-8), the whitespace
 * and control-character sets (pinned here, not taken from the engine's `trim()` or `\s`, which
 * follow its Unicode version), how a ticket and a 核验码 typed by a family are cleaned, and how
 * invisible characters are shown in messages (as code points, U+00A0). Reading a file's bytes
 * strictly is in bytes.ts.
 */
/**
 * Whitespace (docs/lottery.md §2): U+0009–U+000D, U+0020, U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF — the set ECMAScript's `trim()` removes under Unicode 15–17,
 * written out so that every verifier uses the same one.
 */
export const LOTTERY_WHITESPACE =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const WHITESPACE = new Set(LOTTERY_WHITESPACE);

/** Whether `c` (one code unit) is in {@link LOTTERY_WHITESPACE}. */
export function isLotteryWhitespace(c: string): boolean {
  return WHITESPACE.has(c);
}

/**
 * Characters no ticket may contain (docs/lottery.md §2): C0 controls U+0000–U+001F, DEL U+007F,
 * C1 controls U+0080–U+009F, and the Unicode line and paragraph separators U+2028, U+2029 (so that
 * a list splits into lines the same way whatever splits it: at LF only).
 */
export const TICKET_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Characters that do not show in a message: whitespace other than the space, controls, format characters. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;

/** The code point of a character as written in messages: U+00A0. */
export function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `text` for a message: invisible characters (and spaces at either end) as their code points in
 * brackets, e.g. `2026-000123[U+00A0]`, so that the user can see what to delete.
 */
export function showInvisible(text: string): string {
  const chars = [...text];
  return chars
    .map((c, i) =>
      INVISIBLE.test(c) || (c === ' ' && (i === 0 || i === chars.length - 1)) ? `[${codePoint(c)}]` : c,
    )
    .join('');
}

/** `text` without {@link LOTTERY_WHITESPACE} at either end. */
export function trimLotteryWhitespace(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && WHITESPACE.has(text[a]!)) a++;
  while (b > a && WHITESPACE.has(text[b - 1]!)) b--;
  return text.slice(a, b);
}

/**
 * A ticket as typed by a family (on the public page, or `--ticket`): NFC, whitespace removed at
 * both ends. Nothing else is changed (a ticket is compared exactly).
 */
export function cleanTypedTicket(typed: string): string {
  return trimLotteryWhitespace(typed.normalize('NFC'));
}

/**
 * A 核验码 as typed: every whitespace character removed, wherever it is (the slip prints it in
 * groups of four). Letters are lowercased later, when it is hashed; anything else that is not a
 * hex digit is refused then, naming the character.
 */
export function cleanTypedSecret(typed: string): string {
  let out = '';
  for (const c of typed) if (!WHITESPACE.has(c)) out += c;
  return out;
}
