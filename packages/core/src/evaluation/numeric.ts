/**
 * @module The numeric heart of an evaluation: coefficients and per-school compliance on columns.
 * No objects per school are made here; presenting the result is a separate step, so a national
 * run (200k schools, both standards) stays a handful of typed-array loops.
 */

import { lowerBound } from '../compare.js';
import { INDICATORS, type IndicatorId } from '../indicators/catalogue.js';
import { type CoefficientStats, weightedCoefficient } from '../indicators/coefficient.js';
import type { StageParts } from './parts.js';

/** Per-school status codes of one indicator. */
export const MET = 0;
export const FLOOR = 1;
export const BELOW_FLOOR = 2;
export const MISSING = 3;

/** Per-school status codes of the 6-of-7 rule. */
export const SCHOOL_MET = 0;
export const SCHOOL_UNMET = 1;
export const SCHOOL_INCOMPLETE = 2;

/** Rows of a population that have a usable value, and those that are missing it. */
export interface IndicatorCoefficient {
  indicator: IndicatorId;
  stats: CoefficientStats;
  /** Part indices (within the stage) that are in scope but have no value. */
  missingRows: number[];
}

/** Coefficients already computed for a population, by numerator field (at scale 1). */
export type CoefficientCache = Map<string, { stats: CoefficientStats; missingRows: number[] }>;

/**
 * Coefficient of each indicator over the rows in scope.
 * A row whose 在校生数 or resource is not reported is listed in missingRows and not counted.
 * @param cache shared between calls on the same parts and rows: indicators with the same
 *   numerator (基本均衡 生均高学历教师 and 优质均衡 每百名高学历教师, the facility indicators of
 *   both standards) differ only by scale, which multiplies the mean and S and leaves the CV.
 */
export function stageCoefficients(
  parts: StageParts,
  rows: Int32Array,
  indicators: readonly IndicatorId[],
  cache: CoefficientCache = new Map(),
): IndicatorCoefficient[] {
  const students = parts.students;
  return indicators.map((id) => {
    const def = INDICATORS[id];
    let base = cache.get(def.numerator);
    if (!base) {
      const resource = parts.resources[def.numerator];
      const stats = weightedCoefficient(students, resource, 1, rows);
      // Missing values are rare: look for them only when some school was not counted.
      const missingRows: number[] = [];
      if (stats.n < rows.length) {
        for (let k = 0; k < rows.length; k++) {
          const i = rows[k];
          if (Number.isNaN(students[i]) || Number.isNaN(resource[i])) missingRows.push(i);
        }
      }
      base = { stats, missingRows };
      cache.set(def.numerator, base);
    }
    const { stats, missingRows } = base;
    const scaled: CoefficientStats =
      def.scale === 1
        ? stats
        : {
            ...stats,
            mean: stats.mean === null ? null : stats.mean * def.scale,
            sd: stats.sd === null ? null : stats.sd * def.scale,
          };
    return { indicator: id, stats: scaled, missingRows };
  });
}

export interface ComplianceColumns {
  /** Same order as `rows`. */
  rows: Int32Array;
  indicators: readonly IndicatorId[];
  /** status[j][k]: MET / FLOOR / BELOW_FLOOR / MISSING. */
  status: Uint8Array[];
  metCount: Uint8Array;
  schoolStatus: Uint8Array;
}

/**
 * The per-school rule of 优质均衡: at least `minMet` requirements met, the others at least
 * `floorRatio` of their requirement (spec §c.1). A school missing data is incomplete unless its
 * known values already decide that it fails.
 * @param requirements per-indicator minimum for this stage, same order as `indicators`
 */
export function complianceColumns(
  parts: StageParts,
  rows: Int32Array,
  indicators: readonly IndicatorId[],
  requirements: readonly number[],
  minMet: number,
  floorRatio: number,
): ComplianceColumns {
  const n = rows.length;
  const m = indicators.length;
  const students = parts.students;
  const status: Uint8Array[] = [];
  for (let j = 0; j < m; j++) {
    const def = INDICATORS[indicators[j]];
    const resource = parts.resources[def.numerator];
    const scale = def.scale;
    // x ≥ t ⇔ scale·R ≥ t·P (P > 0): compare by multiplication, with thresholds lowered by the
    // comparison tolerance once (see compare.ts). The code is computed without branches, since
    // schools fall either side unpredictably: MET 0, FLOOR 1, BELOW_FLOOR 2, MISSING 3 (NaN fails
    // both comparisons and adds 1).
    const req = lowerBound(requirements[j]);
    const floor = lowerBound(requirements[j] * floorRatio);
    const st = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const i = rows[k];
      const r = scale * resource[i];
      const p = students[i];
      st[k] = 2 - +(r >= req * p) - +(r >= floor * p) + +(Number.isNaN(r) || Number.isNaN(p));
    }
    status.push(st);
  }
  const metCount = new Uint8Array(n);
  const schoolStatus = new Uint8Array(n);
  const allowedShort = m - minMet;
  for (let k = 0; k < n; k++) {
    let met = 0;
    let short = 0;
    let belowFloor = 0;
    let missing = 0;
    for (let j = 0; j < m; j++) {
      const code = status[j][k];
      met += +(code === MET);
      short += +(code === FLOOR || code === BELOW_FLOOR);
      belowFloor += +(code === BELOW_FLOOR);
      missing += +(code === MISSING);
    }
    metCount[k] = met;
    schoolStatus[k] =
      belowFloor > 0 || short > allowedShort ? SCHOOL_UNMET : missing > 0 ? SCHOOL_INCOMPLETE : SCHOOL_MET;
  }
  return { rows, indicators, status, metCount, schoolStatus };
}
