/**
 * @module Reading a published canonical list (see canonical.ts for its form) strictly: anything
 * that is not exactly what {@link canonicalList} writes is rejected, naming the line.
 *
 * A list of 100,000 children is 7.7 MB of text, read on every verification. Its UTF-8 bytes are
 * needed anyway (the commitment is their hash), and the usual line (plain ASCII ticket, comma, 64
 * lowercase hex digits, LF) is checked in one scan of them and compared with the line before in
 * place: no string is made for it (100,000 short strings cost more in garbage collection than the
 * scan). Any other line goes through the full checks on the text, which accept the other valid
 * lines (tickets in other scripts) and word the error. Tickets are read from the text only when
 * asked for, by their offsets.
 */
import {
  type CanonicalRow,
  compareTickets,
  LINE_SUFFIX_LENGTH,
  LotteryInputError,
  SURROGATE,
  ticketProblem,
} from './canonical.js';
import { isSha256Hex, LOWER_HEX, sha256BytesHex, utf8Bytes, utf8Length } from './hash.js';

/** A published list, checked: its text, UTF-8 bytes and commitment, and where its lines start. */
export interface PublishedList {
  readonly text: string;
  /** How many lines (children). */
  readonly count: number;
  /** Where line k + 1 starts in the text, in UTF-16 code units, at index k; the text's length at index n. */
  readonly charStarts: Int32Array;
  /** The text's UTF-8 bytes. */
  readonly bytes: Uint8Array;
  /** Where line k + 1 starts in `bytes` at index k; the length of `bytes` at index n. */
  readonly lineStarts: Int32Array;
  /** Hex SHA-256 of the text's UTF-8 bytes. */
  readonly commitment: string;
  /** Whether a ticket has a UTF-16 surrogate (a character beyond U+FFFF, or a lone one). */
  readonly surrogates: boolean;
}

/** The length of a line's digest: 64 lowercase hex digits. */
const DIGEST_LENGTH = 64;
/** The shortest valid line: a 1-byte ticket, comma, digest, LF. */
const MIN_LINE_LENGTH = 1 + LINE_SUFFIX_LENGTH;

/**
 * Reads a published list: strict checks, line offsets, bytes, commitment.
 * @throws LotteryInputError naming the line (第 N 行) of the first problem
 */
export function readPublishedList(text: string): PublishedList {
  if (text.length === 0) throw new LotteryInputError('公示名单为空：至少需要一行');
  if (text.charCodeAt(0) === 0xfeff)
    throw new LotteryInputError('第 1 行：文件以 BOM 开头，规范形式是不带 BOM 的 UTF-8');
  if (!text.endsWith('\n')) throw new LotteryInputError('最后一行没有以换行符（LF）结尾');
  // The usual lines are checked on the UTF-8 bytes (faster to read than the string's characters):
  // in them a byte is a character, so the offsets in the bytes and in the text advance together.
  const bytes = utf8Bytes(text);
  // Every line before the one being read was valid, hence ≥ 67 bytes: this many offsets suffice.
  const capacity = Math.floor(bytes.length / MIN_LINE_LENGTH) + 2;
  const charStarts = new Int32Array(capacity);
  const lineStarts = new Int32Array(capacity);
  let surrogates = false;
  let k = 0;
  let char = 0;
  // The previous line's ticket: where it is in the bytes, and whether its line was a usual one.
  let prevStart = -1;
  let prevEnd = -1;
  let prevPlain = true;
  for (let start = 0; start < bytes.length; k++) {
    charStarts[k] = char;
    lineStarts[k] = start;
    const comma = plainLineComma(bytes, start);
    let ticketEnd: number;
    let next: number;
    const plain = comma >= 0;
    if (plain) {
      ticketEnd = comma;
      next = comma + LINE_SUFFIX_LENGTH;
      char += next - start;
    } else {
      const lineEnd = text.indexOf('\n', char); // every line ends with a LF (checked above)
      const ticket = checkLine(text, char, lineEnd, k + 1);
      ticketEnd = start + utf8Length(ticket);
      next = ticketEnd + LINE_SUFFIX_LENGTH;
      char = lineEnd + 1;
      if (!surrogates && SURROGATE.test(ticket)) surrogates = true;
    }
    if (prevStart >= 0) {
      // Two usual lines: ASCII tickets compare byte by byte in place. Otherwise: as strings.
      const d =
        plain && prevPlain
          ? compareBytes(bytes, prevStart, prevEnd, start, ticketEnd)
          : compareTickets(ticketAt(text, charStarts, k - 1), ticketAt(text, charStarts, k, char));
      if (d >= 0) orderError(k + 1, ticketAt(text, charStarts, k - 1), ticketAt(text, charStarts, k, char));
    }
    prevStart = start;
    prevEnd = ticketEnd;
    prevPlain = plain;
    start = next;
  }
  charStarts[k] = char;
  lineStarts[k] = bytes.length;
  return {
    text,
    count: k,
    charStarts: charStarts.subarray(0, k + 1),
    bytes,
    lineStarts: lineStarts.subarray(0, k + 1),
    commitment: sha256BytesHex(bytes),
    surrogates,
  };
}

/** The ticket of line k + 1 from the text, given where that line starts and the next one starts. */
function ticketAt(text: string, charStarts: Int32Array, k: number, next = charStarts[k + 1]!): string {
  return text.slice(charStarts[k]!, next - LINE_SUFFIX_LENGTH);
}

/**
 * Where the comma is when the line at `start` is a usual valid line: a plain ASCII ticket (as in
 * canonical.ts: 1–64 characters U+0020–U+007E, no comma, no space at either end), a comma, 64
 * lowercase hex digits, a LF; −1 for any other line.
 */
function plainLineComma(bytes: Uint8Array, start: number): number {
  const limit = Math.min(bytes.length, start + 65); // a plain ticket has at most 64 characters
  let i = start;
  let c = 0;
  for (; i < limit; i++) {
    c = bytes[i]!;
    if (c < 0x20 || c > 0x7e || c === 0x2c) break;
  }
  if (c !== 0x2c || i === start || i === limit) return -1;
  if (bytes[start] === 0x20 || bytes[i - 1] === 0x20) return -1;
  const end = i + 1 + DIGEST_LENGTH;
  if (bytes[end] !== 0x0a) return -1;
  let hex = 1;
  for (let j = i + 1; j < end; j++) hex &= LOWER_HEX[bytes[j]!]!;
  return hex === 1 ? i : -1;
}

/** `bytes[a … aEnd)` against `bytes[b … bEnd)`: negative, 0 or positive. */
function compareBytes(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): number {
  const n = Math.min(aEnd - a, bEnd - b);
  for (let i = 0; i < n; i++) {
    const d = bytes[a + i]! - bytes[b + i]!;
    if (d !== 0) return d;
  }
  return aEnd - a - (bEnd - b);
}

/** Throws the error for a ticket that does not come after the previous line's. */
function orderError(lineNo: number, prev: string, ticket: string): never {
  throw new LotteryInputError(
    `第 ${lineNo} 行：${
      prev === ticket
        ? `编号 “${ticket}” 与上一行重复`
        : `编号 “${ticket}” 应排在上一行 “${prev}” 之前（须按编号的 Unicode 码点升序排列）`
    }`,
  );
}

/**
 * The full checks of the line `text[start … end)` (`end` at its LF) but its order, in the order
 * their errors are reported; returns its ticket.
 */
function checkLine(text: string, start: number, end: number, lineNo: number): string {
  const fail = (message: string): never => {
    throw new LotteryInputError(`第 ${lineNo} 行：${message}`);
  };
  if (end > start && text.charCodeAt(end - 1) === 0x0d) fail('以回车符（CR）结尾，规范形式只用 LF 换行');
  if (end === start) fail('空行');
  const comma = text.indexOf(',', start);
  const second = comma < 0 ? -1 : text.indexOf(',', comma + 1);
  if (comma < 0 || comma >= end || (second >= 0 && second < end)) {
    const parts = text.slice(start, end).split(',').length;
    if (parts !== 2) fail(`应为“编号,摘要”两栏，实有 ${parts} 栏`);
  }
  const ticket = text.slice(start, comma);
  const problem = ticketProblem(ticket);
  if (problem) fail(problem);
  const digest = text.slice(comma + 1, end);
  if (!isSha256Hex(digest)) fail(`摘要应为 64 位小写十六进制数字，收到 “${digest}”`);
  return ticket;
}

/** The ticket on line k + 1 of a read list. */
export function publishedTicket(list: PublishedList, k: number): string {
  return list.text.slice(list.charStarts[k]!, list.charStarts[k + 1]! - LINE_SUFFIX_LENGTH);
}

/** The digest on line k + 1 of a read list. */
export function publishedDigest(list: PublishedList, k: number): string {
  const end = list.charStarts[k + 1]! - 1;
  return list.text.slice(end - DIGEST_LENGTH, end);
}

/**
 * Parse a published canonical list strictly: exactly the form {@link canonicalList} writes.
 * @throws LotteryInputError naming the line (第 N 行) of the first problem
 */
export function parseCanonicalList(text: string): CanonicalRow[] {
  const list = readPublishedList(text);
  return Array.from({ length: list.count }, (_, k) => ({
    ticket: publishedTicket(list, k),
    digest: publishedDigest(list, k),
  }));
}
