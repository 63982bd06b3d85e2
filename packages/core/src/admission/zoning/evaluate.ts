/**
 * The figures of ANY assignment — the solver's, the greedy one, the current zones or one adjusted
 * by hand on the map: per school demand, capacity, fill rate and overflow; per area its school and
 * distance; county totals. Hand adjustment is just another call with the changed map.
 */
import { assignmentToIndices, type PreparedZoning, prepareZoning, schoolDemand } from './prepare.js';
import type {
  AreaPlacement,
  SchoolLoad,
  ZoningAssignment,
  ZoningEvaluation,
  ZoningProblem,
} from './types.js';

/**
 * Evaluates an area id → school id assignment (areas not in it are reported unassigned).
 * @throws ZoningInputError for invalid input or ids that do not exist
 */
export function evaluateZoning(problem: ZoningProblem, assignment: ZoningAssignment): ZoningEvaluation {
  const prep = prepareZoning(problem);
  return evaluatePrepared(prep, assignmentToIndices(prep, assignment));
}

/** Evaluates a school index per area (−1 = unassigned) on a prepared problem. O(A + S). */
export function evaluatePrepared(prep: PreparedZoning, indices: Int32Array): ZoningEvaluation {
  const S = prep.schools.length;
  const load = schoolDemand(prep, indices);
  const km = new Float64Array(S);
  const maxKm = new Float64Array(S).fill(-1);
  const areaIds: string[][] = Array.from({ length: S }, () => []);
  let studentKm = 0;
  let assignedStudents = 0;
  let students = 0;
  let atNearest = 0;
  let maxDistanceKm = -1;
  let unassignedAreas = 0;
  for (let a = 0; a < prep.areas.length; a++) {
    const d = prep.demand[a]!;
    students += d;
    const s = indices[a]!;
    if (s < 0) {
      unassignedAreas++;
      continue;
    }
    areaIds[s]!.push(prep.areas[a]!.id);
    if (d === 0) continue;
    const dist = prep.dist[a * S + s]!;
    assignedStudents += d;
    studentKm += d * dist;
    km[s] += d * dist;
    if (dist > maxKm[s]!) maxKm[s] = dist;
    if (dist > maxDistanceKm) maxDistanceKm = dist;
    // The nearest school, or one exactly as near.
    if (dist <= prep.dist[a * S + prep.nearest[a]!]!) atNearest += d;
  }

  let capacity = 0;
  let overflowingSchools = 0;
  let overflowStudents = 0;
  const schools: SchoolLoad[] = prep.schools.map((school, s) => {
    const demand = load[s]!;
    const cap = prep.capacity[s]!;
    const overflow = Math.max(0, demand - cap);
    capacity += cap;
    if (overflow > 0) {
      overflowingSchools++;
      overflowStudents += overflow;
    }
    return {
      schoolId: school.id,
      name: school.name,
      classes: prep.classes[s]!,
      classSizeLimit: prep.classSizeLimit[s]!,
      capacity: cap,
      demand,
      fillRate: cap > 0 ? demand / cap : null,
      overflow,
      spare: Math.max(0, cap - demand),
      areaIds: areaIds[s]!,
      meanDistanceKm: demand > 0 ? km[s]! / demand : null,
      maxDistanceKm: maxKm[s]! >= 0 ? maxKm[s]! : null,
    };
  });

  let overflowingAreas = 0;
  const areas: AreaPlacement[] = prep.areas.map((area, a) => {
    const s = indices[a]!;
    const overflowing = s >= 0 && schools[s]!.overflow > 0;
    if (overflowing) overflowingAreas++;
    const n = prep.nearest[a]!;
    return {
      areaId: area.id,
      name: area.name,
      kind: area.kind,
      demand: prep.demand[a]!,
      schoolId: s >= 0 ? prep.schools[s]!.id : null,
      distanceKm: s >= 0 ? prep.dist[a * S + s]! : null,
      nearestSchoolId: prep.schools[n]!.id,
      nearestDistanceKm: prep.dist[a * S + n]!,
      overflowing,
    };
  });

  return {
    stage: prep.stage,
    schools,
    areas,
    totals: {
      areas: prep.areas.length,
      unassignedAreas,
      students,
      assignedStudents,
      capacity,
      studentKm,
      meanDistanceKm: assignedStudents > 0 ? studentKm / assignedStudents : null,
      maxDistanceKm: maxDistanceKm >= 0 ? maxDistanceKm : null,
      nearestShare: assignedStudents > 0 ? atNearest / assignedStudents : null,
      overflowingSchools,
      overflowingAreas,
      overflowStudents,
    },
  };
}
