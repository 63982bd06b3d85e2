import { describe, expect, it } from 'vitest';
import { SchoolIdIndex } from './id-index.js';

describe('SchoolIdIndex', () => {
  it('returns -1 for a new id and the first position for a repeated one', () => {
    const index = new SchoolIdIndex(4);
    expect(index.firstOrAdd('2130012345', 0)).toBe(-1);
    expect(index.firstOrAdd('0000000000', 1)).toBe(-1);
    expect(index.firstOrAdd('9999999999', 2)).toBe(-1);
    expect(index.firstOrAdd('2130012345', 3)).toBe(0);
    expect(index.firstOrAdd('0000000000', 4)).toBe(1);
  });

  it('keeps ids apart when they crowd into the same slots', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => String(1000000000 + k * 65536));
    const index = new SchoolIdIndex(ids.length);
    expect(ids.map((id, k) => index.firstOrAdd(id, k))).toEqual(ids.map(() => -1));
    expect(ids.map((id, k) => index.firstOrAdd(id, k + 10_000))).toEqual(ids.map((_, k) => k));
  });
});
