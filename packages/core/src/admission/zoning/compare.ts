/**
 * Current zones against a proposal (or before and after a hand adjustment): which areas change
 * school, and how fill rates and distances move.
 */
import { ZoningInputError } from './prepare.js';
import type { AreaChange, SchoolChange, ZoningComparison, ZoningEvaluation } from './types.js';

function delta(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

/**
 * Compares two evaluations of the same areas and schools (same problem, two assignments).
 * @throws ZoningInputError when they are not of the same areas
 */
export function compareZonings(before: ZoningEvaluation, after: ZoningEvaluation): ZoningComparison {
  if (
    before.stage !== after.stage ||
    before.areas.length !== after.areas.length ||
    before.areas.some((a, i) => a.areaId !== after.areas[i]!.areaId)
  ) {
    throw new ZoningInputError('两个划片方案的学段或居住区不同，无法对比：请对同一批小区/村的两个方案对比');
  }
  const changedAreas: AreaChange[] = [];
  let changedStudents = 0;
  before.areas.forEach((b, i) => {
    const a = after.areas[i]!;
    if (a.schoolId === b.schoolId) return;
    changedStudents += a.demand;
    changedAreas.push({
      areaId: a.areaId,
      name: a.name,
      demand: a.demand,
      from: b.schoolId,
      to: a.schoolId,
      distanceBeforeKm: b.distanceKm,
      distanceAfterKm: a.distanceKm,
    });
  });
  const beforeBySchool = new Map(before.schools.map((s) => [s.schoolId, s]));
  const schools: SchoolChange[] = after.schools.map((s) => {
    const b = beforeBySchool.get(s.schoolId);
    return {
      schoolId: s.schoolId,
      name: s.name,
      capacity: s.capacity,
      demandBefore: b?.demand ?? 0,
      demandAfter: s.demand,
      fillRateBefore: b ? b.fillRate : s.capacity > 0 ? 0 : null,
      fillRateAfter: s.fillRate,
      overflowBefore: b?.overflow ?? 0,
      overflowAfter: s.overflow,
    };
  });
  return {
    changedAreas,
    changedStudents,
    schools,
    before: before.totals,
    after: after.totals,
    meanDistanceDeltaKm: delta(after.totals.meanDistanceKm, before.totals.meanDistanceKm),
    maxDistanceDeltaKm: delta(after.totals.maxDistanceKm, before.totals.maxDistanceKm),
    overflowStudentsDelta: after.totals.overflowStudents - before.totals.overflowStudents,
    overflowingSchoolsDelta: after.totals.overflowingSchools - before.totals.overflowingSchools,
  };
}
