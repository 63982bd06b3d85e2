import { describe, expect, it } from 'vitest';
import { createLotteryStream, uniformIntFrom } from './generator.js';

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
});
