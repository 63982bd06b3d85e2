/**
 * @module The numeric heart of an evaluation: coefficients and per-school compliance on columns.
 * No objects per school are made here; presenting the result is a separate step, so a national
 * run (200k schools, both standards) stays a handful of typed-array loops.
 */
import { type CoefficientStats, weightedCoefficient } from '../indicators/coefficient.js';
import { INDICATORS, type IndicatorId } from '../indicators/catalogue.js';
import { atLeast } from '../compare.js';
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

/**
 * Coefficient of each indicator over the rows in scope.
 * A row whose 在校生数 or resource is not reported is listed in missingRows and not counted.
 */
export function stageCoefficients(
  parts: StageParts,
  rows: Int32Array,
  indicators: readonly IndicatorId[],
): IndicatorCoefficient[] {
  const students = parts.students;
  return indicators.map((id) => {
    const def = INDICATORS[id];
    const resource = parts.resources[def.numerator];
    const missingRows: number[] = [];
    const counted = new Int32Array(rows.length);
    let n = 0;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      if (students[i] !== students[i] || resource[i] !== resource[i]) missingRows.push(i);
      else counted[n++] = i;
    }
    return { indicator: id, stats: weightedCoefficient(students, resource, def.scale, counted.subarray(0, n)), missingRows };
  });
}

export interface ComplianceColumns {
  /** Same order as `rows`. */
  rows: Int32Array;
  indicators: readonly IndicatorId[];
  /** values[j][k]: value of indicator j for row k (NaN if missing). */
  values: Float64Array[];
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
  const values: Float64Array[] = [];
  const status: Uint8Array[] = [];
  const metCount = new Uint8Array(n);
  const belowReq = new Uint8Array(n);
  const belowFloor = new Uint8Array(n);
  const missing = new Uint8Array(n);
  const students = parts.students;
  for (let j = 0; j < m; j++) {
    const def = INDICATORS[indicators[j]];
    const resource = parts.resources[def.numerator];
    const scale = def.scale;
    const req = requirements[j];
    const floor = req * floorRatio;
    const v = new Float64Array(n);
    const st = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const i = rows[k];
      const x = (scale * resource[i]) / students[i];
      v[k] = x;
      if (x !== x) {
        st[k] = MISSING;
        missing[k]++;
      } else if (atLeast(x, req)) {
        st[k] = MET;
        metCount[k]++;
      } else if (atLeast(x, floor)) {
        st[k] = FLOOR;
        belowReq[k]++;
      } else {
        st[k] = BELOW_FLOOR;
        belowReq[k]++;
        belowFloor[k]++;
      }
    }
    values.push(v);
    status.push(st);
  }
  const allowedShort = m - minMet;
  const schoolStatus = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    if (belowFloor[k] > 0 || belowReq[k] > allowedShort) schoolStatus[k] = SCHOOL_UNMET;
    else if (missing[k] > 0) schoolStatus[k] = SCHOOL_INCOMPLETE;
    else schoolStatus[k] = SCHOOL_MET;
  }
  return { rows, indicators, values, status, metCount, schoolStatus };
}
