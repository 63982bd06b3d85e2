/**
 * @module Which stage parts take part in the school-level evaluation, and why the others do not.
 */
import { type CountyDataset, SCHOOL_TYPE_NAMES, STAGE_NAMES } from '../model.js';
import type { ScopeRule } from '../standards/types.js';
import type { StageParts } from './parts.js';

export interface ScopeSelection {
  /** Part indices that are evaluated (students > 0 or not reported). */
  rows: Int32Array;
  /** Part indices left out, with the reason a reader sees. */
  excluded: { row: number; reason: string }[];
}

/**
 * Apply a scope rule to one stage.
 * A part whose 在校生数 is missing stays in scope: the result becomes incomplete rather than
 * silently smaller. A part with 0 students is excluded, since no per-student value exists.
 */
export function selectScope(ds: CountyDataset, parts: StageParts, scope: ScopeRule): ScopeSelection {
  const rows = new Int32Array(parts.count);
  let n = 0;
  const excluded: { row: number; reason: string }[] = [];
  const excludedTypes = new Set(scope.excludeTypes);
  const stageName = STAGE_NAMES[parts.stage];
  for (let k = 0; k < parts.count; k++) {
    const school = ds.schools[parts.school[k]];
    const students = parts.students[k];
    if (excludedTypes.has(school.type)) {
      excluded.push({ row: k, reason: `${SCHOOL_TYPE_NAMES[school.type]}不纳入校际指标评估` });
    } else if (school.type === 'teachingPoint' && students < scope.teachingPointMinStudents) {
      excluded.push({
        row: k,
        reason: `教学点在校生 ${students} 人，不足 ${scope.teachingPointMinStudents} 人，不纳入校际指标评估`,
      });
    } else if (students === 0) {
      excluded.push({ row: k, reason: `${stageName}在校生数为 0，无法计算生均指标，不纳入评估` });
    } else {
      rows[n++] = k;
    }
  }
  return { rows: rows.subarray(0, n), excluded };
}
