/**
 * @module How figures are shown: rounding happens here only, never in computation (spec §e.4).
 */

/** Fixed decimals, or "—" for a missing value. */
export function fmtNumber(x: number | null | undefined, decimals = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return x.toFixed(decimals);
}

/** A fraction as a percentage with 2 decimals: 0.9685 → "96.85%". */
export function fmtPercent(x: number | null | undefined, decimals = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return `${(x * 100).toFixed(decimals)}%`;
}

/** A difference coefficient with 3 decimals; null is 不适用. */
export function fmtCv(x: number | null | undefined): string {
  if (x === null || x === undefined) return '不适用';
  return x.toFixed(3);
}

/** Whole quantities with thousands separators: 125000 → "125,000". */
export function fmtQuantity(x: number): string {
  // A regex instead of toLocaleString: this runs for every shortfall of every school.
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * True when the value shown with `decimals` would look equal to the threshold although the
 * unrounded comparison decides otherwise (e.g. 0.5004 shown as 0.500 against ≤ 0.50).
 */
export function hidesBoundary(x: number, threshold: number, decimals: number): boolean {
  return x !== threshold && x.toFixed(decimals) === threshold.toFixed(decimals);
}

/**
 * A value shown beside the threshold it is judged against, with more decimals where the usual
 * ones would make it look equal to the threshold (4.1958 against 4.2 is "4.1958", not "4.20").
 */
export function fmtBeside(x: number | null | undefined, threshold: number, decimals: number): string {
  if (x === null || x === undefined || Number.isNaN(x)) return fmtNumber(x, decimals);
  let d = decimals;
  while (d < 8 && hidesBoundary(x, threshold, d)) d++;
  return x.toFixed(d);
}
