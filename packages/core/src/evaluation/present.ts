/**
 * @module Turning the numeric columns into the documented result objects.
 */
import { atMost } from '../compare.js';
import { INDICATORS } from '../indicators/catalogue.js';
import type { CountyDataset, Stage } from '../model.js';
import type { IndicatorCoefficient } from './numeric.js';
import type { StageParts } from './parts.js';
import type { CoefficientRow, CountedSchool, Status } from './results.js';

/**
 * Level of detail. 'full' lists every counted school per coefficient and every school's compliance
 * (for audit, JSON and reports); 'summary' keeps all figures and counts but lists only missing
 * schools per coefficient and the SUMMARY_SCHOOLS worst schools per stage.
 */
export type Detail = 'full' | 'summary';

export function presentCoefficient(
  ds: CountyDataset,
  parts: StageParts,
  rows: Int32Array,
  c: IndicatorCoefficient,
  threshold: number | null,
  detail: Detail,
): CoefficientRow {
  const def = INDICATORS[c.indicator];
  const { stats } = c;
  const missing = c.missingRows.map((i) => {
    const s = ds.schools[parts.school[i]];
    return { id: s.id, name: s.name };
  });
  const schools: CountedSchool[] = [];
  if (detail === 'full') {
    const missingSet = new Set(c.missingRows);
    const resource = parts.resources[def.numerator];
    for (const i of rows) {
      if (missingSet.has(i)) continue;
      const s = ds.schools[parts.school[i]];
      const students = parts.students[i];
      schools.push({
        id: s.id,
        name: s.name,
        students,
        resource: resource[i],
        value: (def.scale * resource[i]) / students,
        weight: students / stats.totalStudents,
      });
    }
  }
  let status: Status;
  if (missing.length > 0) status = 'incomplete';
  else if (stats.n === 0) status = 'notApplicable';
  // Schools are counted but the county mean is 0: the CV is undefined and must not pass quietly.
  else if (stats.cv === null) status = 'incomplete';
  else if (threshold === null) status = 'notApplicable';
  else status = atMost(stats.cv, threshold) ? 'met' : 'unmet';
  return {
    indicator: c.indicator,
    name: def.name,
    unit: def.unit,
    stage: parts.stage as Stage,
    schools,
    missing,
    n: stats.n,
    totalStudents: stats.totalStudents,
    totalResource: stats.totalResource,
    mean: stats.mean,
    sd: stats.sd,
    cv: stats.cv,
    threshold,
    status,
  };
}

/** Number of schools and students counted in a stage (students of parts with a known count). */
export function stageTotals(
  parts: StageParts,
  rows: Int32Array,
): { schoolCount: number; studentCount: number } {
  let studentCount = 0;
  for (const i of rows) if (!Number.isNaN(parts.students[i])) studentCount += parts.students[i];
  return { schoolCount: rows.length, studentCount };
}

/** Why a coefficient could not be judged, for the reasons list; null when it could. */
export function coefficientProblem(c: CoefficientRow): string | null {
  if (c.missing.length > 0) {
    return `${c.name}有 ${c.missing.length} 所学校未填报（${c.missing
      .slice(0, 3)
      .map((m) => m.name)
      .join('、')}${c.missing.length > 3 ? ' 等' : ''}）`;
  }
  if (c.n > 0 && c.cv === null) return `${c.name}县均值为 0，差异系数无法计算，请核对该项数据`;
  return null;
}
