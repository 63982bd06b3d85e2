/**
 * @module Which stage parts take part in the school-level evaluation, and why the others do not.
 */
import { type CountyDataset, SCHOOL_TYPE_NAMES, STAGE_NAMES } from '../model.js';
import type { ScopeRule } from '../standards/types.js';
import { SCHOOL_TYPE_CODES, type StageParts } from './parts.js';

/** Why a part is left out. */
export const EXCLUDED_TYPE = 1;
export const EXCLUDED_SMALL_TEACHING_POINT = 2;
export const EXCLUDED_NO_STUDENTS = 3;

export interface ScopeSelection {
  /** Part indices that are evaluated (students > 0 or not reported). */
  rows: Int32Array;
  /** Part indices left out; the reason texts are made only when presented (exclusionReason). */
  excludedRows: Int32Array;
  /** EXCLUDED_* code per excluded row. */
  excludedCodes: Uint8Array;
}

/**
 * Apply a scope rule to one stage, on typed arrays only.
 * A part whose 在校生数 is missing stays in scope: the result becomes incomplete rather than
 * silently smaller. A part with 0 students is excluded, since no per-student value exists.
 */
export function selectScope(parts: StageParts, scope: ScopeRule): ScopeSelection {
  const rows = new Int32Array(parts.count);
  const excludedRows = new Int32Array(parts.count);
  const excludedCodes = new Uint8Array(parts.count);
  let n = 0;
  let m = 0;
  const excludedType = new Uint8Array(256);
  for (const t of scope.excludeTypes) excludedType[SCHOOL_TYPE_CODES.indexOf(t)] = 1;
  const teachingPoint = SCHOOL_TYPE_CODES.indexOf('teachingPoint');
  const minStudents = scope.teachingPointMinStudents;
  const { typeCode, students } = parts;
  for (let k = 0; k < parts.count; k++) {
    const t = typeCode[k];
    const p = students[k];
    let code = 0;
    if (excludedType[t] === 1) code = EXCLUDED_TYPE;
    else if (t === teachingPoint && p < minStudents) code = EXCLUDED_SMALL_TEACHING_POINT;
    else if (p === 0) code = EXCLUDED_NO_STUDENTS;
    if (code === 0) rows[n++] = k;
    else {
      excludedRows[m] = k;
      excludedCodes[m++] = code;
    }
  }
  return {
    rows: rows.subarray(0, n),
    excludedRows: excludedRows.subarray(0, m),
    excludedCodes: excludedCodes.subarray(0, m),
  };
}

/** The sentence a reader sees for an excluded part. */
export function exclusionReason(
  ds: CountyDataset,
  parts: StageParts,
  row: number,
  code: number,
  scope: ScopeRule,
): string {
  const school = ds.schools[parts.school[row]];
  switch (code) {
    case EXCLUDED_TYPE:
      return `${SCHOOL_TYPE_NAMES[school.type]}不纳入校际指标评估`;
    case EXCLUDED_SMALL_TEACHING_POINT:
      return `教学点在校生 ${parts.students[row]} 人，不足 ${scope.teachingPointMinStudents} 人，不纳入校际指标评估`;
    default:
      return `${STAGE_NAMES[parts.stage]}在校生数为 0，无法计算生均指标，不纳入评估`;
  }
}
