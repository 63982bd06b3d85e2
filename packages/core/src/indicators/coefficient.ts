/**
 * @module Student-weighted difference coefficient (差异系数), spec §a.3.
 *
 *   P  = Σ P_i,  X̄ = scale · Σ R_i / P,  S = sqrt(Σ (P_i/P)(X_i − X̄)²),  CV = S / X̄
 *
 * Works on columns (typed arrays) so a national run of 200k schools is a few tight loops.
 * @see 《义务教育均衡发展差异系数计算方法及数据来源》; 《县域义务教育校际均衡指标计算方法》
 */

export interface CoefficientStats {
  /** Schools counted. */
  n: number;
  /** P = Σ P_i */
  totalStudents: number;
  /** Σ R_i */
  totalResource: number;
  /** X̄; null when no school is counted. */
  mean: number | null;
  /** Population (not sample) student-weighted standard deviation; null when no school. */
  sd: number | null;
  /** S / X̄; null (不适用) when no school or X̄ = 0. */
  cv: number | null;
}

/**
 * Weighted CV over the schools listed in `rows` (indices into the columns) whose values are known.
 * @param students P_i per school (> 0 for every listed school); NaN marks a missing count, skipped
 * @param resource R_i per school; NaN marks a missing value and the school is skipped
 * @param scale 100 for 每百名 indicators, 1 for 生均 (cancels out of the CV)
 * @param rows indices to include; all indices when omitted
 * @returns n, totals, mean, sd and cv; cv is null when undefined
 */
export function weightedCoefficient(
  students: ArrayLike<number>,
  resource: ArrayLike<number>,
  scale = 1,
  rows?: ArrayLike<number>,
): CoefficientStats {
  const count = rows ? rows.length : students.length;
  let n = 0;
  let p = 0;
  let r = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const ri = resource[i];
    const pi = students[i];
    if (Number.isNaN(ri) || Number.isNaN(pi)) continue; // missing value
    n++;
    p += pi;
    r += ri;
  }
  if (n === 0 || p === 0) return { n, totalStudents: p, totalResource: r, mean: null, sd: null, cv: null };
  const mean = (scale * r) / p;
  // Σ (P_i/P)(X_i − X̄)² with X_i = scale·R_i/P_i, as Σ P_i (X_i − X̄)² / P to save a division per school.
  let ss = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const ri = resource[i];
    const pi = students[i];
    if (Number.isNaN(ri) || Number.isNaN(pi)) continue;
    const d = (scale * ri) / pi - mean;
    ss += pi * d * d;
  }
  const sd = Math.sqrt(ss / p);
  return { n, totalStudents: p, totalResource: r, mean, sd, cv: mean === 0 ? null : sd / mean };
}
