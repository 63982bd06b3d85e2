/**
 * @module Seeded pseudo-random numbers for demo data, lotteries-in-tests and benchmarks.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast chaotic" PRNG, 128-bit state,
 * passes PractRand). It uses only 32-bit integer arithmetic (`Math.imul`, `>>>`, `|`), so the
 * same seed gives the same sequence on every JavaScript engine and platform. It is NOT
 * cryptographic: the verifiable 电脑派位 lottery must not use it.
 *
 * Seeds are 32-bit integers or strings; strings are hashed with FNV-1a. The 128-bit state is
 * expanded from the 32-bit seed with splitmix32 so that close seeds (1, 2, 3…) give unrelated
 * streams.
 */

/** What a seed may be: an integer (taken modulo 2³²) or any string. */
export type Seed = number | string;

const TWO_POW_32 = 4294967296;

/** FNV-1a hash of a string's UTF-16 code units to an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Normalises a seed to an unsigned 32-bit integer. */
export function seedToUint32(seed: Seed): number {
  if (typeof seed === 'string') return hashString(seed);
  if (!Number.isFinite(seed)) throw new RangeError(`随机种子必须是有限数字，收到 ${seed}`);
  // Math.trunc then modulo 2^32 keeps negative and large integers meaningful and distinct.
  const t = Math.trunc(seed) % TWO_POW_32;
  return (t < 0 ? t + TWO_POW_32 : t) >>> 0;
}

/** splitmix32 step: returns [output, next state]. Used only to expand the seed. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return [z >>> 0, next];
}

/**
 * A deterministic pseudo-random number generator (sfc32).
 * Create one with {@link createRandom}; every method advances the same stream.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second value of the last Box–Muller pair, used by the next normal() call. */
  private spareNormal: number | null = null;

  /** @param seed integer (mod 2³²) or string */
  constructor(seed: Seed) {
    let s = seedToUint32(seed);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [out, next] = splitmix32(s);
      words.push(out);
      s = next;
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    // Discard the first outputs: sfc32's authors recommend warming the state up.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Next unsigned 32-bit integer in [0, 2³²). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform float in [lo, hi). */
  float(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /**
   * Uniform integer in [lo, hi], both ends included, without modulo bias (rejection sampling).
   * @throws RangeError if the bounds are not safe integers, hi < lo, or the range exceeds 2³².
   */
  int(lo: number, hi: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi < lo) {
      throw new RangeError(`int(lo, hi) 需要整数且 lo ≤ hi，收到 ${lo}, ${hi}`);
    }
    const range = hi - lo + 1;
    if (range > TWO_POW_32) throw new RangeError(`int(lo, hi) 的范围不能超过 2^32，收到 ${range}`);
    // Largest multiple of range that fits in 2^32: values at or above it would bias low numbers.
    const limit = TWO_POW_32 - (TWO_POW_32 % range);
    let u = this.uint32();
    while (u >= limit) u = this.uint32();
    return lo + (u % range);
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Normally distributed number (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    // 1 − next() is in (0, 1], so the logarithm is finite.
    const u1 = 1 - this.next();
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spareNormal = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  /** One element chosen uniformly. @throws RangeError on an empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() 不能从空数组中选取');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Shuffles the array in place (Fisher–Yates, every permutation equally likely) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** A shuffled copy; the input is left untouched. */
  shuffled<T>(items: readonly T[]): T[] {
    return this.shuffle(items.slice());
  }

  /**
   * An independent generator derived from this one's next output and a label, so that one part
   * of a generated dataset can change without shifting the random numbers of another part.
   */
  fork(label: string): Random {
    return new Random((this.uint32() ^ hashString(label)) >>> 0);
  }
}

/** Creates a seeded generator. The same seed always yields the same sequence. */
export function createRandom(seed: Seed): Random {
  return new Random(seed);
}
