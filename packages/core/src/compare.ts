/**
 * @module Threshold comparisons on unrounded values (spec §e.4: 以上/不低于 = ≥, 不超过 = ≤, 低于 = <).
 * A relative tolerance of 1e-9 absorbs binary floating-point noise only (3.57 vs 4.2 × 0.85 =
 * 3.5700000000000003), far below any figure a report shows, so a true 0.5004 still fails ≤ 0.50.
 */
import type { Comparison } from './standards/types.js';

const TOLERANCE = 1e-9;

const slack = (t: number) => TOLERANCE * Math.max(1, Math.abs(t));

/** The smallest x that counts as ≥ t; lets hot loops compare with a plain >=. */
export function lowerBound(t: number): number {
  return t - slack(t);
}

/** x ≥ t (以上, 不低于, 达到). */
export function atLeast(x: number, t: number): boolean {
  return x >= lowerBound(t);
}

/** x ≤ t (不超过, 以下). */
export function atMost(x: number, t: number): boolean {
  return x <= t + slack(t);
}

/** Compare by the rule of the table. 'lt'/'gt' (低于/高于) are strict. */
export function compareWith(x: number, t: number, rule: Comparison): boolean {
  switch (rule) {
    case 'gte':
      return atLeast(x, t);
    case 'lte':
      return atMost(x, t);
    case 'lt':
      return x < t - slack(t);
    case 'gt':
      return x > t + slack(t);
  }
}

export const COMPARISON_WORDS: Record<Comparison, string> = { gte: '≥', lte: '≤', lt: '<', gt: '>' };
