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

import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  type CanonicalRow,
  compareTickets,
  digestEntries,
  digestedCommitment,
  entryDigest,
  type LotteryEntry,
  parseCanonicalList,
} from './canonical.js';
import { createLotteryStream } from './generator.js';
import { sha256BytesHex, sha256Hex } from './hash.js';
import { parseLotterySeed } from './seed.js';

/** The outcome of a draw; everything in it can be recomputed from the published list and the seed. */
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

/** The draw from the tickets in canonical list order and the commitment of that list. */
function drawTickets(tickets: readonly string[], seedInput: string, commitment: string): LotteryResult {
  const seed = parseLotterySeed(seedInput);
  const stream = createLotteryStream(commitment, seed);
  const n = tickets.length;
  const a = tickets.slice();
  for (let i = n - 1; i >= 1; i--) {
    const j = stream.uniformInt(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  // One pass for the ranks and the result lines (no per-rank tuple arrays), joined once.
  const ranks = new Map<string, number>();
  const lines: string[] = new Array(n);
  for (let k = 0; k < n; k++) {
    ranks.set(a[k]!, k + 1);
    lines[k] = `${k + 1},${a[k]!}\n`;
  }
  const resultText = lines.join('');
  return { commitment, seed, order: a, ranks, resultText, resultHash: sha256Hex(resultText) };
}

/**
 * The rows of a published list (parsed strictly, so the text is exactly their canonical list) and
 * its commitment: the hash of the text's UTF-8 bytes, encoded once.
 */
function parsePublished(text: string): { rows: CanonicalRow[]; commitment: string } {
  const rows = parseCanonicalList(text);
  return { rows, commitment: sha256BytesHex(utf8ToBytes(text)) };
}

/**
 * Draw: a rank for every child, from the entries (or the published canonical list text) and the
 * public seed. The input order of entries does not matter (they are sorted canonically).
 * @throws LotteryInputError for an invalid entry, list or seed
 */
export function drawLottery(input: readonly LotteryEntry[] | string, seed: string): LotteryResult {
  if (typeof input !== 'string') {
    const digested = digestEntries(input);
    return drawTickets(digested.tickets, seed, digestedCommitment(digested));
  }
  const { rows, commitment } = parsePublished(input);
  return drawTickets(
    rows.map((r) => r.ticket),
    seed,
    commitment,
  );
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
  /** Whether the ticket is in the published list. */
  readonly listed: boolean;
  /** Its line number in the published list (1-based), when listed. */
  readonly line: number | null;
  /** Whether the published digest equals SHA-256(ticket + "\n" + secret): the entry is really this child's. */
  readonly digestMatches: boolean;
  /** The child's rank, when listed and a seed was given. */
  readonly rank: number | null;
}

/**
 * Check one's own entry in the published list; with the seed (after the draw), also its rank.
 * @throws LotteryInputError for a malformed list, a malformed secret or an invalid seed
 */
export function findMyEntry(
  publishedList: string,
  ticket: string,
  secret: string,
  seed?: string,
): MyEntryCheck {
  const { rows, commitment } = parsePublished(publishedList);
  const digest = entryDigest({ ticket: ticket.normalize('NFC').trim(), secret: secret.trim() });
  const index = rows.findIndex((r) => compareTickets(r.ticket, ticket.normalize('NFC').trim()) === 0);
  if (index < 0) return { listed: false, line: null, digestMatches: false, rank: null };
  const row = rows[index]!;
  const rank =
    seed === undefined
      ? null
      : (drawTickets(
          rows.map((r) => r.ticket),
          seed,
          commitment,
        ).ranks.get(row.ticket) ?? null);
  return { listed: true, line: index + 1, digestMatches: row.digest === digest, rank };
}
