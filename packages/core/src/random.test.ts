import { describe, expect, it } from 'vitest';
import { createRandom, hashString, Random, seedToUint32 } from './random.js';

describe('Random (sfc32)', () => {
  it('produces pinned values, so the sequence is the same on every platform', () => {
    // Reference values computed independently (Python re-implementation of splitmix32 + sfc32).
    const r = createRandom(20251);
    expect([r.uint32(), r.uint32(), r.uint32(), r.uint32(), r.uint32()]).toEqual([
      858854694, 3683660333, 1458989389, 1348152970, 3820585354,
    ]);
    expect(createRandom('清源县').uint32()).toBe(3289940741);
  });

  it('gives the same sequence for the same seed', () => {
    for (const seed of [0, 1, 20251, -7, 2 ** 40 + 3, 'abc', '清源县']) {
      const a = createRandom(seed);
      const b = createRandom(seed);
      const xs = Array.from({ length: 200 }, () => [a.next(), a.int(-5, 5), a.normal(10, 2)]);
      const ys = Array.from({ length: 200 }, () => [b.next(), b.int(-5, 5), b.normal(10, 2)]);
      expect(xs).toEqual(ys);
    }
  });

  it('gives different sequences for different seeds', () => {
    const seq = (seed: number | string) => {
      const r = new Random(seed);
      return Array.from({ length: 8 }, () => r.uint32());
    };
    const seen = new Set<string>();
    for (const seed of [0, 1, 2, 3, 20251, 20252, 'a', 'b', '']) seen.add(seq(seed).join(','));
    expect(seen.size).toBe(9);
  });

  it('normalises seeds to unsigned 32-bit integers', () => {
    expect(seedToUint32(5)).toBe(5);
    expect(seedToUint32(-1)).toBe(4294967295);
    expect(seedToUint32(2 ** 32 + 5)).toBe(5);
    expect(seedToUint32(5.9)).toBe(5);
    expect(seedToUint32('x')).toBe(hashString('x'));
    expect(() => seedToUint32(Number.NaN)).toThrow(RangeError);
  });

  it('next() stays in [0, 1)', () => {
    const r = createRandom(1);
    const xs = Array.from({ length: 10_000 }, () => r.next());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('int() stays within bounds and is roughly uniform (chi-square)', () => {
    const r = createRandom(42);
    const lo = 3;
    const hi = 12;
    const k = hi - lo + 1;
    const n = 100_000;
    const counts = new Array<number>(k).fill(0);
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = r.int(lo, hi);
      if (Number.isInteger(x) && x >= lo && x <= hi) counts[x - lo]!++;
      else outside++;
    }
    expect(outside).toBe(0);
    const expected = n / k;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: the 99.9% quantile is 27.9; a loose bound still catches real bias.
    expect(chi2).toBeLessThan(30);
  });

  it('int() handles a single value, negative bounds and the full 32-bit range', () => {
    const r = createRandom(7);
    expect(r.int(5, 5)).toBe(5);
    for (let i = 0; i < 1000; i++) {
      const x = r.int(-3, -1);
      expect(x >= -3 && x <= -1).toBe(true);
    }
    const big = r.int(0, 2 ** 32 - 1);
    expect(big >= 0 && big < 2 ** 32).toBe(true);
    expect(() => r.int(2, 1)).toThrow(RangeError);
    expect(() => r.int(0, 1.5)).toThrow(RangeError);
    expect(() => r.int(0, 2 ** 32)).toThrow(RangeError);
  });

  it('normal() has about the requested mean and standard deviation', () => {
    const r = createRandom(99);
    const n = 50_000;
    const xs = Array.from({ length: n }, () => r.normal(10, 3));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(Math.abs(mean - 10)).toBeLessThan(0.1);
    expect(Math.abs(sd - 3)).toBeLessThan(0.1);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('pick() returns an element and rejects an empty array', () => {
    const r = createRandom(3);
    const items = ['甲', '乙', '丙'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(r.pick(items));
    expect([...seen].sort()).toEqual([...items].sort());
    expect(() => r.pick([])).toThrow(RangeError);
  });

  it('shuffle() returns a permutation of its input, in place', () => {
    const r = createRandom(11);
    const items = Array.from({ length: 100 }, (_, i) => i);
    const result = r.shuffle(items);
    expect(result).toBe(items);
    expect([...result].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(result).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(r.shuffle([])).toEqual([]);
    expect(r.shuffle([1])).toEqual([1]);
  });

  it('shuffle() is unbiased: each of the 6 orders of 3 items is about equally frequent', () => {
    const r = createRandom(5);
    const counts = new Map<string, number>();
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const key = r.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const expected = n / 6;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(25); // 5 degrees of freedom, 99.9% quantile 20.5
  });

  it('shuffled() leaves the input untouched', () => {
    const r = createRandom(12);
    const items = [1, 2, 3, 4, 5];
    const copy = r.shuffled(items);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect([...copy].sort()).toEqual(items);
  });

  it('fork() gives reproducible streams that differ by label', () => {
    const a = createRandom(1).fork('schools');
    const b = createRandom(1).fork('schools');
    const c = createRandom(1).fork('teachers');
    const seq = (r: Random) => Array.from({ length: 5 }, () => r.uint32());
    expect(seq(a)).toEqual(seq(b));
    expect(seq(createRandom(1).fork('schools'))).not.toEqual(seq(c));
  });
});
