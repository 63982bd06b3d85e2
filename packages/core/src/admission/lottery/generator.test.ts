// biome-ignore lint/style/noRestrictedImports: a test, not core src: node:crypto is the reference
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLotteryStream, streamBlock, uniformIntFrom } from './generator.js';

/** A word source that returns the given words in order and records how many were taken. */
function words(...ws: number[]) {
  let k = 0;
  const next = () => {
    if (k >= ws.length) throw new Error('out of words');
    return ws[k++]!;
  };
  return { next, taken: () => k };
}

describe('uniformIntFrom (rejection sampling)', () => {
  it('rejects exactly the words ≥ floor(2^32 / n) · n', () => {
    // n = 3: limit = 4294967295, so only 2^32 − 1 is rejected.
    const a = words(4294967295, 4294967294);
    expect(uniformIntFrom(a.next, 3)).toBe(4294967294 % 3);
    expect(a.taken()).toBe(2);
    const b = words(4294967294);
    expect(uniformIntFrom(b.next, 3)).toBe(2);
    // n = 2^31 + 1: limit = 2^31 + 1; words from there on are rejected (almost half of them).
    const n = 2 ** 31 + 1;
    const c = words(n, 2 ** 32 - 1, n - 1);
    expect(uniformIntFrom(c.next, n)).toBe(n - 1);
    expect(c.taken()).toBe(3);
    // n = 10: limit = 4294967290.
    const d = words(4294967290, 4294967289);
    expect(uniformIntFrom(d.next, 10)).toBe(9);
    expect(d.taken()).toBe(2);
  });

  it('never rejects for powers of two, and always consumes a word', () => {
    const a = words(4294967295);
    expect(uniformIntFrom(a.next, 1)).toBe(0);
    expect(a.taken()).toBe(1);
    expect(uniformIntFrom(words(4294967295).next, 2 ** 32)).toBe(4294967295);
    expect(uniformIntFrom(words(4294967295).next, 256)).toBe(255);
  });

  it('refuses n outside 1 … 2^32', () => {
    for (const n of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN]) {
      expect(() => uniformIntFrom(() => 0, n)).toThrow(RangeError);
    }
  });

  it('is the same stream for the same inputs and another for another seed', () => {
    const c = 'a'.repeat(64);
    const take = (seed: string) => {
      const s = createLotteryStream(c, seed);
      return Array.from({ length: 20 }, () => s.uniformInt(1000));
    };
    expect(take('1'.repeat(20))).toEqual(take('1'.repeat(20)));
    expect(take('1'.repeat(20))).not.toEqual(take(`${'1'.repeat(19)}2`));
  });

  it('is block 0, 1, 2, … of the specification for seeds of every length (prefix hashed once)', () => {
    // The prefix is 85 bytes + the seed: its rest after whole 64-byte blocks, plus the counter,
    // needs one or two more blocks depending on the seed's length; 1,200 blocks cross 1 to 4 digits.
    const c = createHash('sha256').update('list').digest('hex');
    for (const digits of [20, 29, 30, 42, 43, 44, 107, 200]) {
      const seed = '7'.repeat(digits);
      const s = createLotteryStream(c, seed);
      for (let i = 0; i < 1200; i++) {
        const block = createHash('sha256').update(`junheng-lottery-v1\n${c}\n${seed}\n${i}`).digest();
        const words = Array.from({ length: 8 }, () => s.nextWord());
        expect(words, `seed of ${digits} digits, block ${i}`).toEqual(
          Array.from({ length: 8 }, (_, k) => block.readUInt32BE(4 * k)),
        );
        if (i % 97 === 0) expect(Buffer.from(streamBlock(c, seed, i)).equals(block)).toBe(true);
      }
      expect(s.blocksUsed).toBe(1200);
    }
  });
});
