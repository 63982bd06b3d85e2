/**
 * @module The applicant list of a 电脑派位 draw and its canonical, publishable form.
 *
 * Specification (version `junheng-lottery-v1`; docs/lottery.md has the same text and a worked example):
 *
 * - An **entry is a child**, never an application: a child who applies to several schools has one
 *   entry, hence one rank, used in every school's allocation. Entries hold no personal data in clear:
 *   - `ticket`: the public masked identifier printed on the child's 派位 notice, e.g. `2026-000123`
 *     (recommended: a serial number; a masked name such as `张*明 2019-03` may collide and is then
 *     rejected as a duplicate). Rules: Unicode NFC; no leading or trailing whitespace; 1–64
 *     characters; no comma, no control character (so no CR/LF). Tickets are unique in a list.
 *   - `secret`: a per-child random value given privately to the family, 32–128 hex digits
 *     (≥ 128 bits). Letters are lowercased before hashing (`A1F…` and `a1f…` are the same secret).
 * - **Entry digest** = lowercase hex SHA-256 of the UTF-8 bytes of `ticket + "\n" + secret`
 *   (ticket in NFC, secret in lowercase, one LF between them, nothing else).
 * - **Canonical list** = one line per entry, `ticket + "," + digest + "\n"`, lines sorted by ticket in
 *   ascending Unicode code point order (the same as comparing the UTF-8 bytes), UTF-8 without BOM,
 *   LF line ends, a LF after the last line too, no empty lines, nothing else. At least one entry.
 * - **Commitment** = lowercase hex SHA-256 of the UTF-8 bytes of the canonical list.
 *
 * The bureau publishes the canonical list (tickets and digests, no secrets) and the commitment
 * before the draw: anyone can recompute the commitment (`sha256sum` of the published file), and a
 * family can recompute its own digest from its ticket and secret; the secret keeps others from
 * linking a ticket to a digest they could have forged.
 */
import { isLowerHex, LOWER_HEX, Sha256Writer, toHex, utf8Bytes } from './hash.js';
import { sha256Into, sha256ShortInPlace } from './sha256.js';
import { codePoint, showInvisible, TICKET_FORBIDDEN, trimLotteryWhitespace } from './text.js';

/** One child in a draw. */
export interface LotteryEntry {
  /** Public masked identifier, e.g. `2026-000123`. NFC, trimmed, 1–64 characters, no comma or control character. */
  readonly ticket: string;
  /** Private random hex (32–128 digits) given to the family only; case-insensitive. */
  readonly secret: string;
}

/** One line of the canonical list: the ticket and its entry digest. */
export interface CanonicalRow {
  readonly ticket: string;
  readonly digest: string;
}

/** Invalid lottery input (list, entry, seed): the message is Chinese and names the culprit. */
export class LotteryInputError extends Error {
  override name = 'LotteryInputError';
}

const MAX_TICKET_LENGTH = 64;

/**
 * True when `ticket` is 1–64 printable ASCII characters (U+0020–U+007E), no comma, no space at
 * either end: such a ticket is valid (ASCII is NFC, one character per code unit, no control
 * character). The usual serial-number ticket passes this cheap scan; anything else gets the full
 * checks of {@link ticketProblem}, which also word the error.
 */
function isPlainAsciiTicket(ticket: string): boolean {
  const n = ticket.length;
  if (n === 0 || n > MAX_TICKET_LENGTH) return false;
  if (ticket.charCodeAt(0) === 0x20 || ticket.charCodeAt(n - 1) === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const c = ticket.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x2c) return false;
  }
  return true;
}

/**
 * Why `ticket` is not a valid ticket, or `null` when it is. The whitespace and control-character
 * sets are pinned in text.ts (docs/lottery.md §2); the message shows invisible characters as code
 * points (`2026-000123[U+00A0]`).
 */
export function ticketProblem(ticket: string): string | null {
  if (isPlainAsciiTicket(ticket)) return null;
  if (ticket.length === 0) return '编号为空';
  const shown = showInvisible(ticket);
  if (ticket !== ticket.normalize('NFC')) return `编号 “${shown}” 不是 Unicode NFC 规范形式`;
  if (ticket !== trimLotteryWhitespace(ticket)) return `编号 “${shown}” 首尾有空白字符`;
  if ([...ticket].length > MAX_TICKET_LENGTH) return `编号 “${shown}” 超过 ${MAX_TICKET_LENGTH} 个字符`;
  if (ticket.includes(',')) return `编号 “${shown}” 含逗号（逗号用作分隔符）`;
  const control = TICKET_FORBIDDEN.exec(ticket);
  if (control) return `编号 “${shown}” 含控制字符或换行符 ${codePoint(control[0])}`;
  return null;
}

/** The secret in canonical (lowercase) form; throws when it is not 32–128 hex digits. */
export function canonicalSecret(ticket: string, secret: string): string {
  const n = secret.length;
  if (n >= 32 && n <= 128 && isLowerHex(secret, 0, n)) return secret; // the usual case, checked without branches
  // A scan instead of toLowerCase + regex: no non-ASCII character lowercases to 0–9 or a–f, so
  // this accepts exactly what /^[0-9a-f]{32,128}$/ accepts after lowercasing.
  let ok = n >= 32 && n <= 128;
  let upper = false;
  for (let i = 0; ok && i < n; i++) {
    const c = secret.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66)) continue;
    if (c >= 0x41 && c <= 0x46) upper = true;
    else ok = false;
  }
  if (!ok) throw new LotteryInputError(secretProblem(ticket, secret));
  return upper ? secret.toLowerCase() : secret;
}

/** What is wrong with a secret that is not 32–128 hex digits: its first bad character, or its length. */
function secretProblem(ticket: string, secret: string): string {
  const chars = [...secret];
  const bad = chars.findIndex((c) => !/^[0-9a-fA-F]$/.test(c));
  const what = `编号 “${showInvisible(ticket)}” 的核验码`;
  if (bad >= 0) {
    const c = chars[bad]!;
    return `${what}第 ${bad + 1} 个字符 “${showInvisible(c)}”（${codePoint(c)}）不是十六进制数字：核验码只能由 0–9、a–f 组成（大小写均可）`;
  }
  return `${what}应为 32–128 位十六进制数字（0–9、a–f），收到 ${chars.length} 位`;
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
/** Any UTF-16 surrogate code unit: where code point order and `<` may differ. */
export const SURROGATE = /[\ud800-\udfff]/;

/** The original definition: compare code point by code point (used where surrogates make `<` wrong). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Ascending Unicode code point order (= UTF-8 byte order), unlike `<` on UTF-16 code units. */
export function compareTickets(a: string, b: string): number {
  // UTF-16 order and code point order differ only where a surrogate is involved. Walk the common
  // prefix by code unit: at the first difference between two non-surrogates, their difference is
  // the code point difference; otherwise (surrogates, or one string a prefix of the other with
  // surrogates in the rest) fall back to the code point comparison, which also gives the same value.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    return isSurrogate(ca) || isSurrogate(cb) ? compareCodePoints(a, b) : ca - cb;
  }
  const longer = a.length > b.length ? a : b;
  if (n < longer.length && SURROGATE.test(longer.slice(n))) return compareCodePoints(a, b);
  return a.length - b.length;
}

/** Largest UTF-8 size of `ticket + "\n" + secret`: 64 code points of ≤ 4 bytes, LF, 128 hex digits. */
const MAX_ENTRY_BYTES = MAX_TICKET_LENGTH * 4 + 1 + 128;

/**
 * Entry digests of many entries with one reused message buffer: validates the entry, writes its
 * raw digest to `out` at `at` (hex strings are made only where they are published) and returns
 * whether the ticket is plain ASCII (see {@link isPlainAsciiTicket}).
 */
function createEntryDigester(): (entry: LotteryEntry, out: Uint8Array, at: number) => boolean {
  const message = new Uint8Array(MAX_ENTRY_BYTES);
  return (entry, out, at) => {
    const { ticket, secret } = entry;
    const t = ticket.length;
    const s = secret.length;
    // The ticket is checked while it is copied (one pass, as isPlainAsciiTicket checks it).
    let plain = t > 0 && t <= MAX_TICKET_LENGTH ? 1 : 0;
    for (let i = 0; plain === 1 && i < t; i++) {
      const c = ticket.charCodeAt(i);
      message[i] = c;
      plain = c >= 0x20 && c <= 0x7e && c !== 0x2c ? 1 : 0;
    }
    const plainAscii = plain === 1 && message[0] !== 0x20 && message[t - 1] !== 0x20;
    if (plainAscii && s >= 32 && s <= 128) {
      // The usual entry: a plain ASCII ticket and a hex secret, whose UTF-8 bytes are their
      // character codes. The secret is checked while it is copied (one pass): when it is already
      // lowercase hex, this is its canonical form and the message is complete.
      message[t] = 0x0a;
      let hex = 1;
      for (let i = 0; i < s; i++) {
        const c = secret.charCodeAt(i);
        message[t + 1 + i] = c;
        hex &= c < 0x100 ? LOWER_HEX[c]! : 0;
      }
      if (hex === 1) {
        sha256ShortInPlace(message, t + 1 + s, out, at);
        return true;
      }
    }
    // Any other entry: the full checks (which word the error), then the general encoding.
    if (!plainAscii) {
      const problem = ticketProblem(ticket);
      if (problem) throw new LotteryInputError(problem);
    }
    const bytes = utf8Bytes(`${ticket}\n${canonicalSecret(ticket, secret)}`);
    sha256Into(bytes, 0, bytes.length, out, at);
    return plainAscii;
  };
}

/** Entry digest: hex SHA-256 of UTF-8 `ticket + "\n" + lowercase(secret)`. Validates both. */
export function entryDigest(entry: LotteryEntry): string {
  const out = new Uint8Array(32);
  createEntryDigester()(entry, out, 0);
  return toHex(out);
}

/** Validated entries in canonical order with their raw digests (32 bytes per ticket, same order). */
export interface DigestedEntries {
  readonly tickets: string[];
  readonly digests: Uint8Array;
  /** Whether a ticket has a UTF-16 surrogate (a character beyond U+FFFF, or a lone one). */
  readonly surrogates: boolean;
}

/** The work shared by {@link canonicalRows} and the draw: validate, digest, sort, reject duplicates. */
export function digestEntries(entries: readonly LotteryEntry[]): DigestedEntries {
  const n = entries.length;
  if (n === 0) throw new LotteryInputError('派位名单为空：至少需要一名儿童');
  // Validate and digest in input order (the first invalid entry is the one reported), then sort.
  const digest = createEntryDigester();
  const inputDigests = new Uint8Array(32 * n);
  let surrogates = false;
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    // A plain ASCII ticket has no surrogate: the regex runs only for the others.
    if (!digest(e, inputDigests, 32 * i) && !surrogates && SURROGATE.test(e.ticket)) surrogates = true;
  }
  // Without surrogates, UTF-16 order is code point order, and native string `<` is much faster.
  const compare = surrogates ? compareTickets : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Entries often come already in ticket order (a register kept sorted): strictly increasing
  // input needs no sort, no copy, and has no duplicate.
  let sorted = true;
  for (let i = 1; sorted && i < n; i++) sorted = compare(entries[i - 1]!.ticket, entries[i]!.ticket) < 0;
  if (sorted) return { tickets: entries.map((e) => e.ticket), digests: inputDigests, surrogates };
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => compare(entries[x]!.ticket, entries[y]!.ticket));
  const tickets: string[] = new Array(n);
  const digests = new Uint8Array(32 * n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    tickets[k] = entries[i]!.ticket;
    for (let b = 0; b < 32; b++) digests[32 * k + b] = inputDigests[32 * i + b]!;
  }
  for (let k = 1; k < n; k++) {
    if (tickets[k] === tickets[k - 1]) {
      throw new LotteryInputError(`编号 “${tickets[k]}” 重复：每名儿童只能有一个编号、一个派位号`);
    }
  }
  return { tickets, digests, surrogates };
}

/** What follows the ticket in a line of the canonical list: a comma, 64 hex digits and a LF. */
export const LINE_SUFFIX_LENGTH = 66;

/**
 * The commitment of digested entries: hex SHA-256 of their canonical list, written as UTF-8 bytes
 * straight into the hash (the 7.7 MB list of 100,000 children is never built, as text or bytes).
 */
export function digestedCommitment({ tickets, digests }: DigestedEntries): string {
  const out = new Sha256Writer();
  for (let k = 0; k < tickets.length; k++) {
    out.append(tickets[k]!);
    out.appendByte(0x2c); // ,
    out.appendHex(digests, 32 * k, 32);
    out.appendByte(0x0a); // LF
  }
  return out.digestHex();
}

/** The canonical rows: validated, digested, sorted by ticket; a duplicate ticket is rejected. */
export function canonicalRows(entries: readonly LotteryEntry[]): CanonicalRow[] {
  const { tickets, digests } = digestEntries(entries);
  return tickets.map((ticket, k) => ({ ticket, digest: toHex(digests, 32 * k, 32) }));
}

/** The text of canonical rows: `ticket,digest\n` per row (rows must already be canonical). */
export function rowsToText(rows: readonly CanonicalRow[]): string {
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = `${rows[i]!.ticket},${rows[i]!.digest}\n`;
  return lines.join('');
}

/** The canonical list to publish (tickets and digests, no secrets). */
export function canonicalList(entries: readonly LotteryEntry[]): string {
  return rowsToText(canonicalRows(entries));
}

/** The commitment: hex SHA-256 of the canonical list. */
export function commitment(entries: readonly LotteryEntry[]): string {
  return digestedCommitment(digestEntries(entries));
}
