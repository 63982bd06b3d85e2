import { describe, expect, it } from 'vitest';
import { fmtBeside, fmtCv, fmtPercent, fmtQuantity, hidesBoundary } from './format.js';

describe('display rounding (spec §e.4: compute unrounded, flag what rounding hides)', () => {
  it('a CV of 0.5004 is not shown as 0.500 beside ≤ 0.50', () => {
    expect(fmtCv(0.5004)).toBe('0.500');
    expect(hidesBoundary(0.5004, 0.5, 3)).toBe(true);
    expect(fmtBeside(0.5004, 0.5, 3)).toBe('0.5004');
  });
  it('keeps the usual decimals when they already show the difference', () => {
    expect(fmtBeside(0.512, 0.5, 3)).toBe('0.512');
    expect(fmtBeside(4.5, 4.5, 2)).toBe('4.50');
    expect(fmtBeside(null, 4.5, 2)).toBe('—');
  });
  it('percentages, quantities', () => {
    expect(fmtPercent(0.9685)).toBe('96.85%');
    expect(fmtQuantity(1234567.4)).toBe('1,234,567');
    expect(fmtQuantity(312)).toBe('312');
  });
});
