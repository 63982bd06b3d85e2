/**
 * @module The draw itself, its replay from the published list, and a family's own check.
 *
 * Specification (`junheng-lottery-v1`), given the canonical list (see canonical.ts) and the
 * canonical seed (see seed.ts):
 *
 * 1. commitment = hex SHA-256 of the canonical list; a = the tickets in canonical list order
 *    (ascending code point order), n = their number.
 * 2. Fisher–Yates from the last index down: for i = n − 1, n − 2, …, 1: j = uniformInt(i + 1) from
 *    the stream of generator.ts (commitment, seed); swap a[i] and a[j]. (No draw for i = 0.)
 * 3. The order is a after the shuffle: a[0] has rank 1, a[k] rank k + 1. One rank per child.
 * 4. Result list = for each rank r = 1 … n the line `r + "," + ticket + "\n"` (rank in decimal,
 *    UTF-8, LF, a LF after the last line). Result hash = hex SHA-256 of the result list.
 */

import {
  compareTickets,
  digestEntries,
  entryDigest,
  LINE_SUFFIX_LENGTH,
  type LotteryEntry,
} from './canonical.js';
import { createLotteryStream } from './generator.js';
import { sha256BytesHex, toHex, utf8Bytes, utf8Text } from './hash.js';
import { longSha256 } from './longHash.js';
import { publishedDigest, publishedTicket, readPublishedList } from './published-list.js';
import { parseLotterySeed } from './seed.js';
import { cleanTypedSecret, cleanTypedTicket } from './text.js';

/**
 * The outcome of a draw; everything in it can be recomputed from the published list and the seed.
 * `order` and `ranks` are built on first use: a verification needs only the hashes, and 100,000
 * strings or a map of them cost more than the shuffle.
 */
export interface LotteryResult {
  /** Hex SHA-256 of the canonical list. */
  readonly commitment: string;
  /** The canonical seed (digits only). */
  readonly seed: string;
  /** Tickets by rank: `order[0]` has rank 1. */
  readonly order: readonly string[];
  /** Ticket → rank (1-based). */
  readonly ranks: ReadonlyMap<string, number>;
  /** The result list: `rank,ticket\n` per rank. */
  readonly resultText: string;
  /** Hex SHA-256 of {@link resultText}. */
  readonly resultHash: string;
}

/**
 * A canonical list as the draw needs it: its commitment and its tickets by line, as UTF-8 bytes in
 * one buffer (ticket k is `bytes[start[k] … start[k + 1] − gap)`), so the result list is written
 * by copying bytes, without a string or a call per line.
 */
interface DrawList {
  readonly count: number;
  readonly commitment: string;
  /** The ticket on line k + 1. */
  ticket(k: number): string;
  readonly bytes: Uint8Array;
  /** Where the bytes of ticket k start, at index k; at index count, the end of the last line. */
  readonly start: Int32Array;
  /** Bytes between the end of a ticket and the start of the next (0, or the published line's suffix). */
  readonly gap: number;
  /** Whether a ticket has a UTF-16 surrogate (a lone one would not survive UTF-8). */
  readonly surrogates: boolean;
}

/**
 * The shuffle of steps 2–3: the lines (0 … n − 1, canonical order) by rank, `perm[r − 1]` being
 * the line of rank r. Indices instead of tickets: no string is touched.
 */
function drawPermutation(count: number, commitment: string, seed: string): Int32Array {
  const stream = createLotteryStream(commitment, seed);
  const perm = new Int32Array(count);
  for (let k = 0; k < count; k++) perm[k] = k;
  for (let i = count - 1; i >= 1; i--) {
    const j = stream.uniformInt(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/** The UTF-8 bytes of the result list (step 4), `rank,ticket\n` per rank, written once. */
function resultListBytes(list: DrawList, perm: Int32Array): Uint8Array {
  const n = perm.length;
  const { bytes, start, gap } = list;
  const out = new Uint8Array(start[n]! - n * gap + decimalDigitsUpTo(n) + 2 * n);
  // The rank's decimal digits, counted up one by one (no division per line).
  const rank = new Uint8Array(16).fill(0x30);
  let digits = 1;
  let at = 0;
  for (let r = 0; r < n; r++) {
    digits = incrementDecimal(rank, digits);
    for (let i = 0; i < digits; i++) out[at++] = rank[i]!;
    out[at++] = 0x2c; // ,
    const k = perm[r]!;
    const end = start[k + 1]! - gap;
    for (let i = start[k]!; i < end; i++) out[at++] = bytes[i]!;
    out[at++] = 0x0a; // LF
  }
  return out;
}

/** How many decimal digits the numbers 1 … n have together. */
function decimalDigitsUpTo(n: number): number {
  let total = 0;
  for (let low = 1, digits = 1; low <= n; low *= 10, digits++)
    total += (Math.min(n, low * 10 - 1) - low + 1) * digits;
  return total;
}

/**
 * Adds 1 to the number written in ASCII decimal digits in `d[0 … length)` (most significant
 * first); returns its new length (`d` has room for one more digit).
 */
function incrementDecimal(d: Uint8Array, length: number): number {
  for (let i = length - 1; i >= 0; i--) {
    if (d[i] !== 0x39) {
      d[i]!++;
      return length;
    }
    d[i] = 0x30;
  }
  // 9…9 + 1 = 10…0: every digit is 0 now; the first becomes 1 and a 0 is added at the end.
  d[0] = 0x31;
  d[length] = 0x30;
  return length + 1;
}

/** The draw of a canonical list with the seed as typed. */
function drawList(list: DrawList, seedInput: string): LotteryResult {
  const seed = parseLotterySeed(seedInput);
  const perm = drawPermutation(list.count, list.commitment, seed);
  const bytes = resultListBytes(list, perm);
  let order: string[] | undefined;
  const getOrder = () => {
    if (order === undefined) order = Array.from(perm, (k) => list.ticket(k));
    return order;
  };
  let ranks: Map<string, number> | undefined;
  let text: string | undefined;
  return {
    commitment: list.commitment,
    seed,
    get order() {
      return getOrder();
    },
    get ranks() {
      if (ranks === undefined) {
        const byRank = getOrder();
        ranks = new Map();
        for (let r = 0; r < byRank.length; r++) ranks.set(byRank[r]!, r + 1);
      }
      return ranks;
    },
    // Decoded from the hashed bytes on first use (a verification needs only the hash). A lone
    // surrogate would come back as U+FFFD: then the lines are joined instead.
    get resultText() {
      text ??= list.surrogates
        ? getOrder()
            .map((t, r) => `${r + 1},${t}\n`)
            .join('')
        : utf8Text(bytes);
      return text;
    },
    resultHash: sha256BytesHex(bytes),
  };
}

/** The canonical list of entries, as the draw needs it: tickets as bytes, hashed as they are laid out. */
function entriesDrawList(entries: readonly LotteryEntry[]): DrawList {
  const digested = digestEntries(entries);
  const { tickets } = digested;
  const n = tickets.length;
  const start = new Int32Array(n + 1);
  let size = 0;
  for (let k = 0; k < n; k++) size += tickets[k]!.length;
  let bytes = new Uint8Array(size);
  let at = 0;
  for (let k = 0; k < n; k++) {
    start[k] = at;
    const t = tickets[k]!;
    const len = t.length;
    let i = 0;
    for (; i < len; i++) {
      const c = t.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[at + i] = c;
    }
    if (i < len) {
      // Not ASCII: encoded, and the buffer grows by what the encoding adds.
      const enc = utf8Bytes(t);
      const grown = new Uint8Array(bytes.length + enc.length - len);
      grown.set(bytes.subarray(0, at));
      grown.set(enc, at);
      bytes = grown;
      at += enc.length;
    } else at += len;
  }
  start[n] = at;
  bytes = bytes.subarray(0, at);
  return {
    count: n,
    commitment: ticketBytesCommitment(bytes, start, digested.digests),
    ticket: (k) => tickets[k]!,
    bytes,
    start,
    gap: 0,
    surrogates: digested.surrogates,
  };
}

/** Lowercase hex digit codes, by nibble. */
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * The commitment (hex SHA-256 of the canonical list) from the tickets' bytes and raw digests: the
 * list's lines are laid out in a 16 kB buffer that is hashed whenever it fills (the 7.7 MB list
 * of 100,000 children is never built). Same bytes as canonical.ts digestedCommitment.
 */
function ticketBytesCommitment(bytes: Uint8Array, start: Int32Array, digests: Uint8Array): string {
  const hasher = longSha256();
  const buf = new Uint8Array(1 << 14);
  let used = 0;
  const n = start.length - 1;
  for (let k = 0; k < n; k++) {
    const from = start[k]!;
    const to = start[k + 1]!;
    if (used + (to - from) + LINE_SUFFIX_LENGTH > buf.length) {
      // A line (a ticket of ≤ 64 characters, ≤ 256 bytes, and 66) fits in the emptied buffer.
      hasher.update(buf, 0, used);
      used = 0;
    }
    for (let i = from; i < to; i++) buf[used++] = bytes[i]!;
    buf[used++] = 0x2c; // ,
    for (let i = 32 * k; i < 32 * k + 32; i++) {
      buf[used++] = HEX_DIGITS[digests[i]! >> 4]!;
      buf[used++] = HEX_DIGITS[digests[i]! & 15]!;
    }
    buf[used++] = 0x0a; // LF
  }
  hasher.update(buf, 0, used);
  return toHex(hasher.digest());
}

/** A published list text, read strictly, as the draw needs it (tickets in place in its bytes). */
function publishedDrawList(text: string): DrawList {
  const list = readPublishedList(text);
  return {
    count: list.count,
    commitment: list.commitment,
    ticket: (k) => publishedTicket(list, k),
    bytes: list.bytes,
    start: list.lineStarts,
    gap: LINE_SUFFIX_LENGTH,
    surrogates: list.surrogates,
  };
}

/**
 * Draw: a rank for every child, from the entries (or the published canonical list text) and the
 * public seed. The input order of entries does not matter (they are sorted canonically).
 * @throws LotteryInputError for an invalid entry, list or seed
 */
export function drawLottery(input: readonly LotteryEntry[] | string, seed: string): LotteryResult {
  return drawList(typeof input === 'string' ? publishedDrawList(input) : entriesDrawList(input), seed);
}

/** The outcome of replaying a draw from what was published. */
export interface DrawVerification {
  /** The recomputed draw. */
  readonly result: LotteryResult;
  /** Whether the recomputed result hash equals the expected one; `null` when none was given. */
  readonly resultHashMatches: boolean | null;
  /** Whether the recomputed commitment equals the one published before the draw; `null` when none was given. */
  readonly commitmentMatches: boolean | null;
  /** True when every comparison that was asked for matched. */
  readonly verified: boolean;
}

/**
 * Replay a draw from the published canonical list text (parsed strictly) and the seed.
 * @param expectedResultHash the result hash announced at the draw (hex, case-insensitive)
 * @param expectedCommitment the commitment published before the draw (hex, case-insensitive)
 * @throws LotteryInputError naming the line of a malformed list, or for an invalid seed
 */
export function verifyDraw(
  publishedList: string,
  seed: string,
  expectedResultHash?: string,
  expectedCommitment?: string,
): DrawVerification {
  const result = drawLottery(publishedList, seed);
  const same = (expected: string | undefined, actual: string) =>
    expected === undefined ? null : expected.trim().toLowerCase() === actual;
  const resultHashMatches = same(expectedResultHash, result.resultHash);
  const commitmentMatches = same(expectedCommitment, result.commitment);
  return {
    result,
    resultHashMatches,
    commitmentMatches,
    verified: resultHashMatches !== false && commitmentMatches !== false,
  };
}

/** A family's check of its own entry. */
export interface MyEntryCheck {
  /** The ticket as checked (cleaned: NFC, no whitespace at either end). */
  readonly ticket: string;
  /** Whether the ticket is in the published list. */
  readonly listed: boolean;
  /** Its line number in the published list (1-based), when listed. */
  readonly line: number | null;
  /** Whether the published digest equals SHA-256(ticket + "\n" + secret): the entry is really this child's. */
  readonly digestMatches: boolean;
  /** The child's rank, when listed and a seed was given. */
  readonly rank: number | null;
  /**
   * When the ticket is not listed but the secret matches another line's digest: that line, the
   * family's entry. A twin (or sibling) typing its own 申请编号 instead of the family's 派位编号
   * finds it this way (one entry per family, with the first child's ticket and 核验码).
   */
  readonly family: { readonly ticket: string; readonly line: number; readonly rank: number | null } | null;
}

/**
 * Check one's own entry in the published list; with the seed (after the draw), also its rank.
 * The typed ticket and secret are cleaned first (text.ts: cleanTypedTicket, cleanTypedSecret). A
 * ticket not in the list is looked for by its secret among all lines (see MyEntryCheck.family).
 * @throws LotteryInputError for a malformed list, a malformed secret or an invalid seed
 */
export function findMyEntry(
  publishedList: string,
  ticket: string,
  secret: string,
  seed?: string,
): MyEntryCheck {
  const list = readPublishedList(publishedList);
  const mine = cleanTypedTicket(ticket);
  const key = cleanTypedSecret(secret);
  const digest = entryDigest({ ticket: mine, secret: key });
  // The list is sorted by ticket (checked when it was read): a binary search finds the line.
  let lo = 0;
  let hi = list.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareTickets(publishedTicket(list, mid), mine) < 0) lo = mid + 1;
    else hi = mid;
  }
  const rankOf = (index: number) =>
    seed === undefined
      ? null
      : drawPermutation(list.count, list.commitment, parseLotterySeed(seed)).indexOf(index) + 1;
  if (lo === list.count || publishedTicket(list, lo) !== mine) {
    // Another line whose digest this secret makes: the family's entry (the secret has ≥ 128
    // random bits, so a match is the family's own). One hash per line, only on this path.
    for (let k = 0; k < list.count; k++) {
      const t = publishedTicket(list, k);
      if (entryDigest({ ticket: t, secret: key }) === publishedDigest(list, k)) {
        const family = { ticket: t, line: k + 1, rank: rankOf(k) };
        return { ticket: mine, listed: false, line: null, digestMatches: false, rank: null, family };
      }
    }
    return { ticket: mine, listed: false, line: null, digestMatches: false, rank: null, family: null };
  }
  const index = lo;
  return {
    ticket: mine,
    listed: true,
    line: index + 1,
    digestMatches: publishedDigest(list, index) === digest,
    rank: rankOf(index),
    family: null,
  };
}

/** What a family's check says, in the words the CLI and the public page both use. */
export interface MyEntryVerdict {
  /** The family found its entry (its own ticket, or the family's by its 核验码). */
  readonly found: boolean;
  /** One line: ✓ or ✗, where, and what to do. */
  readonly text: string;
}

/**
 * The verdict of {@link findMyEntry}: the same words on the public page and in
 * `junheng lottery verify --ticket --secret`.
 */
export function myEntryVerdict(check: MyEntryCheck): MyEntryVerdict {
  const rank = (r: number | null) => (r === null ? '尚未派位，派位后可查到派位号' : `派位号（名次）${r}`);
  if (check.listed && check.digestMatches) {
    return { found: true, text: `✓ 第 ${check.line} 行，摘要与核验码相符；${rank(check.rank)}` };
  }
  if (check.listed) {
    return {
      found: false,
      text: `✗ 第 ${check.line} 行编号 “${check.ticket}” 的摘要与核验码不符：请核对核验码；若无误，请向教育局反映`,
    };
  }
  if (check.family) {
    return {
      found: true,
      text:
        `✓ 编号 “${check.ticket}” 不在名单中，但核验码与第 ${check.family.line} 行的派位编号 “${check.family.ticket}” 相符：` +
        `同户的多胞胎、兄弟姐妹共用一个派位条目（家庭中第一个申请编号），请用派位编号 “${check.family.ticket}” 核对；${rank(check.family.rank)}`,
    };
  }
  return {
    found: false,
    text:
      `✗ 本人条目不在名单中：没有编号 “${check.ticket}”，核验码也与名单中任何一行都不相符。` +
      '同户的多胞胎、兄弟姐妹共用一个派位编号（家庭中第一个申请编号，见派位通知书），请核对编号和核验码，或向教育局查询',
  };
}
