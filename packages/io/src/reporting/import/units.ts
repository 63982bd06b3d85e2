/**
 * @module Units stated in the headers of 学校基本情况: which spellings mean the template's unit,
 * and the one conversion done on import (万元 in a 元 column).
 */

/**
 * Spellings of a unit, each reduced to one form (after NFKC: m² and ㎡ are already “m2”).
 * Excel saving the template as CSV in GBK (code page 936, which has no ²) writes m² as “m?”.
 */
const SYNONYMS = new Map<string, string>([
  ['m2', 'm2'],
  ['m?', 'm2'],
  ['平方米', 'm2'],
  ['平米', 'm2'],
  ['名', '人'],
]);

function canonical(unit: string): string {
  const u = unit.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return SYNONYMS.get(u) ?? u;
}

/**
 * How a value under a header with `stated` unit becomes a value in the template's `expected` unit.
 * @param expected the column's unit in the template (元, m², 人…)
 * @param stated the unit the header states (headerUnit)
 * @returns the factor to multiply by (1, or 10000 for 万元 → 元), or undefined if the unit is wrong
 */
export function unitFactor(expected: string, stated: string): number | undefined {
  const want = canonical(expected);
  const got = canonical(stated);
  if (want === got) return 1;
  if (want === '元' && got === '万元') return 10_000;
  return undefined;
}

/** A value times a unit factor, without the float noise of e.g. 1.1 × 10000 = 11000.000000000002. */
export function scaleValue(value: number, factor: number): number {
  return factor === 1 ? value : Number((value * factor).toPrecision(15));
}
