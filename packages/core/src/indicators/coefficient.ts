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
  let largest = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const ri = resource[i];
    const pi = students[i];
    if (Number.isNaN(ri) || Number.isNaN(pi)) continue; // missing value
    n++;
    p += pi;
    r += ri;
    if (Math.abs(ri) > largest) largest = Math.abs(ri);
  }
  if (n === 0 || p === 0) return { n, totalStudents: p, totalResource: r, mean: null, sd: null, cv: null };
  // Resources are scaled by a power of two near the largest before squaring, so no finite input
  // overflows (1e200² would). Multiplying by a power of two is exact, so every figure is bit for
  // bit the one the unscaled formula gives whenever that one does not overflow.
  const unit = powerOfTwoNear(largest);
  const inv = 1 / unit;
  let rs = r * inv;
  if (!Number.isFinite(r)) rs = scaledSum(students, resource, rows, inv);
  const meanS = (scale * rs) / p;
  // Σ (P_i/P)(X_i − X̄)² with X_i = scale·R_i/P_i, as Σ P_i (X_i − X̄)² / P to save a division per school.
  let ss = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const ri = resource[i];
    const pi = students[i];
    if (Number.isNaN(ri) || Number.isNaN(pi)) continue;
    const d = (scale * (ri * inv)) / pi - meanS;
    ss += pi * d * d;
  }
  const sdS = Math.sqrt(ss / p);
  return {
    n,
    totalStudents: p,
    totalResource: r,
    mean: meanS * unit,
    sd: sdS * unit,
    cv: meanS === 0 ? null : sdS / meanS,
  };
}

/** 2^k with k = ⌊log₂ x⌋ (1 for 0), within the range where 2^k and 2^−k are normal numbers. */
function powerOfTwoNear(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const k = Math.max(-1000, Math.min(1000, Math.floor(Math.log2(x))));
  return 2 ** k;
}

/** Σ R_i × inv over the counted schools (when Σ R_i itself overflowed). */
function scaledSum(
  students: ArrayLike<number>,
  resource: ArrayLike<number>,
  rows: ArrayLike<number> | undefined,
  inv: number,
): number {
  const count = rows ? rows.length : students.length;
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    if (Number.isNaN(resource[i]) || Number.isNaN(students[i])) continue;
    sum += resource[i] * inv;
  }
  return sum;
}
