import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fractionToPercent, percentToFraction, shiftDecimal } from './percent.js';

describe('percent ⇄ fraction', () => {
  it('moves the decimal point as written', () => {
    expect(percentToFraction(96.5)).toBe(0.965);
    expect(percentToFraction(96.53)).toBe(0.9653);
    expect(percentToFraction(100)).toBe(1);
    expect(percentToFraction(0.5)).toBe(0.005);
    expect(fractionToPercent(0.9653)).toBe(96.53);
    expect(fractionToPercent(0.1)).toBe(10);
    expect(shiftDecimal(-12.5, 1)).toBe(-125);
    expect(shiftDecimal(1e-7, 2)).toBeCloseTo(1e-5, 15);
  });

  it('round-trips every percentage typed with up to 4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        const typed = n / 10_000; // 0 .. 100 with 4 decimals, as a clerk would type it
        expect(fractionToPercent(percentToFraction(typed))).toBe(typed);
        expect(percentToFraction(typed)).toBe(Number((n / 1_000_000).toPrecision(15)));
      }),
    );
  });
});
