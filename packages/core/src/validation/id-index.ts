/**
 * @module Where each 学校标识码 was first seen, for finding reused ids among 200,000 schools.
 * A Map<string, number> spends most of its time growing and rehashing (it was a third of the
 * whole validation); a 学校标识码 is ten digits, so an open-addressing table on its numeric value,
 * sized once in two typed arrays, does the same several times faster.
 */
export class SchoolIdIndex {
  /** id value + 1 per slot; 0 = empty (so that id 0000000000 is storable). */
  private readonly keys: Float64Array;
  private readonly positions: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  /** @param capacity how many ids will be added at most */
  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < capacity * 2 && bits < 30) bits++;
    this.keys = new Float64Array(1 << bits);
    this.positions = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /**
   * Record `position` for an id seen for the first time.
   * @param id a valid 学校标识码 (exactly 10 digits, so its numeric value identifies it)
   * @returns the position recorded earlier for the same id, or -1 if it is new
   */
  firstOrAdd(id: string, position: number): number {
    const n = Number(id) + 1;
    const low = (n % 4294967296) | 0;
    const high = (n / 4294967296) | 0;
    // Fibonacci hashing: the top bits of the product are well mixed even for consecutive ids.
    let slot = Math.imul(low ^ high, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const key = this.keys[slot];
      if (key === 0) {
        this.keys[slot] = n;
        this.positions[slot] = position;
        return -1;
      }
      if (key === n) return this.positions[slot];
      slot = (slot + 1) & this.mask;
    }
  }
}
