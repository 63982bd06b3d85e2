/**
 * @module The deterministic random stream of a 电脑派位 draw (NOT `random.ts`, which is not cryptographic).
 *
 * Specification (`junheng-lottery-v1`):
 *
 * - Block i (i = 0, 1, 2, …) = SHA-256 of the UTF-8 bytes of
 *   `"junheng-lottery-v1\n" + commitment + "\n" + seed + "\n" + i`, where commitment is the 64
 *   lowercase hex digits, seed the canonical digit string and i written in decimal without leading
 *   zeros (`0`, `1`, … `10`).
 * - The stream is block 0, block 1, … read as unsigned 32-bit **big-endian** words: each block's 32
 *   bytes give 8 words, bytes 0–3 first; all words of block i come before those of block i + 1.
 * - `uniformInt(n)` (1 ≤ n ≤ 2³²) returns an integer in [0, n): take the next word w; if
 *   w < floor(2³² / n) · n return w mod n, otherwise discard w and take the next word (rejection
 *   sampling, so every value is exactly equally likely). Every call consumes at least one word.
 */
import { sha256Utf8, utf8Bytes } from './hash.js';
import { finishHash, midstate } from './sha256.js';

/** Domain separation label and version of the generator. */
export const LOTTERY_DOMAIN = 'junheng-lottery-v1';

const TWO_POW_32 = 4294967296;

/** Block i of the stream: SHA-256(UTF-8 `junheng-lottery-v1\n<commitment>\n<seed>\n<i>`). */
export function streamBlock(commitment: string, seed: string, i: number): Uint8Array {
  return sha256Utf8(`${LOTTERY_DOMAIN}\n${commitment}\n${seed}\n${i}`);
}

/**
 * An unbiased integer in [0, n) from a source of uniform 32-bit words, by rejection sampling:
 * words ≥ floor(2³² / n) · n are discarded.
 */
export function uniformIntFrom(nextWord: () => number, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32)
    throw new RangeError(`uniformInt 的 n 应为 1 至 2^32 的整数，收到 ${n}`);
  const limit = Math.floor(TWO_POW_32 / n) * n;
  for (;;) {
    const w = nextWord();
    if (w < limit) return w % n;
  }
}

/** The stream for one draw. */
export interface LotteryStream {
  /** The next unsigned 32-bit big-endian word. */
  nextWord(): number;
  /** An unbiased integer in [0, n). */
  uniformInt(n: number): number;
  /** How many blocks have been hashed so far (for the record and tests). */
  readonly blocksUsed: number;
}

/** The stream of block 0, 1, 2, … for a commitment and a canonical seed. */
export function createLotteryStream(commitment: string, seed: string): LotteryStream {
  // Every block hashes the same prefix `junheng-lottery-v1\n<commitment>\n<seed>\n` (≥ 105 bytes)
  // and then the decimal counter: the prefix's whole 64-byte blocks are compressed once (midstate),
  // and each block costs only the prefix's rest, the counter and the padding (with a 20-digit
  // seed: 41 bytes + up to 5 digits, one compression instead of two). Same bytes as streamBlock().
  const { state: start, absorbed, rest } = midstate(utf8Bytes(`${LOTTERY_DOMAIN}\n${commitment}\n${seed}\n`));
  const tail = new Uint8Array(rest.length + 16); // + the decimal counter (< 2^53: ≤ 16 digits)
  tail.set(rest);
  // A block's digest is its state words, big-endian: the stream's words are the state read in order.
  const block = new Int32Array(8);
  let blockIndex = 0;
  let offset = 8;
  const nextBlock = () => {
    const digits = String(blockIndex++);
    for (let k = 0; k < digits.length; k++) tail[rest.length + k] = digits.charCodeAt(k);
    block.set(start);
    finishHash(block, absorbed, tail, 0, rest.length + digits.length);
    offset = 0;
  };
  const nextWord = (): number => {
    if (offset === 8) nextBlock();
    return block[offset++]! >>> 0;
  };
  return {
    nextWord,
    uniformInt: (n) => uniformIntFrom(nextWord, n),
    get blocksUsed() {
      return blockIndex;
    },
  };
}
