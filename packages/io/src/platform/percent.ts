/**
 * @module Percent ⇄ fraction by moving the decimal point in the number's shortest decimal text.
 * Multiplying by 100 in binary turns 0.9653 into 96.53000000000001; shifting the text keeps
 * what the clerk typed (96.53 ⇄ 0.9653) exactly, so a workbook round trip changes nothing.
 */

/**
 * Multiply by 10^places exactly as written in decimal.
 * @param n a finite number
 * @param places digits to move the point right (negative = left)
 */
export function shiftDecimal(n: number, places: number): number {
  const text = String(n);
  if (!Number.isFinite(n) || text.includes('e')) return n * 10 ** places;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  let digits = whole + fraction;
  // Position of the decimal point inside `digits` after the shift.
  let point = whole.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  const shifted = `${digits.slice(0, point) || '0'}.${digits.slice(point) || '0'}`;
  return Number(negative ? `-${shifted}` : shifted);
}

/** 96.5 (percent) → 0.965 (fraction). */
export function percentToFraction(percent: number): number {
  return shiftDecimal(percent, -2);
}

/** 0.965 (fraction) → 96.5 (percent). */
export function fractionToPercent(fraction: number): number {
  return shiftDecimal(fraction, 2);
}
