/**
 * Checks a zoning problem and turns it into arrays: demand per area, capacity per school, the
 * area × school distance matrix and each area's nearest school. Every algorithm (greedy, model,
 * evaluation, brute force) works on this one prepared form, so they agree on distances and on
 * which schools take part.
 */
import type { Stage } from '../../model.js';
import { greatCircleKm } from './distance.js';
import { CLASS_SIZE_LIMITS, ZONING_STAGE_NAMES } from './limits.js';
import type { ResidentialArea, ZoningAssignment, ZoningProblem, ZoningSchool } from './types.js';

/** Invalid zoning input (ids, coordinates, counts): the message says what, where and how to fix it. */
export class ZoningInputError extends RangeError {
  override name = 'ZoningInputError';
}

export interface PreparedZoning {
  stage: Stage;
  areas: readonly ResidentialArea[];
  /** Schools serving the stage, in input order. */
  schools: readonly ZoningSchool[];
  /** Entrants of the stage per area. */
  demand: Float64Array;
  /** Entry classes per school. */
  classes: Float64Array;
  /** Class-size limit per school. */
  classSizeLimit: Float64Array;
  /** classes × limit per school. */
  capacity: Float64Array;
  /** dist[a·S + s]: great-circle km from area a to school s. */
  dist: Float64Array;
  /** Index of the nearest school per area (lowest index among equals). */
  nearest: Int32Array;
  /** Largest entry of dist (0 when empty). */
  maxDistKm: number;
  /**
   * Cost of one child without a place, in km (see {@link overflowPenaltyKm}): the objective is
   * Σ entrants × km + penalty × Σ overflow.
   */
  penaltyKm: number;
  areaIndex: ReadonlyMap<string, number>;
  schoolIndex: ReadonlyMap<string, number>;
}

/**
 * Penalty per child the assigned school has no place for: 10 × the largest area–school distance,
 * at least 100 km. Rerouting one child anywhere in the county costs less than that, so the model
 * sends children further rather than overflowing a school whenever a school with room exists, and
 * it still returns an answer (with the overflow reported) when the county has too few places.
 */
export function overflowPenaltyKm(maxDistKm: number): number {
  return Math.max(100, Math.ceil(10 * maxDistKm));
}

function checkCoordinates(where: string, lon: unknown, lat: unknown): void {
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    throw new ZoningInputError(`${where}的经度无效：${String(lon)}，应为 −180 到 180 之间的度数`);
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new ZoningInputError(`${where}的纬度无效：${String(lat)}，应为 −90 到 90 之间的度数`);
  }
}

function checkCount(where: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new ZoningInputError(`${where}的${what}无效：${String(v)}，应为不小于 0 的整数`);
  }
  return v;
}

/** The class-size limit of a school for a stage: school override, county override, national table. */
export function classSizeLimitOf(
  school: ZoningSchool,
  stage: Stage,
  county?: Partial<Record<Stage, number>>,
): number {
  return school.classSizeLimit?.[stage] ?? county?.[stage] ?? CLASS_SIZE_LIMITS[stage].limit;
}

/**
 * Validates the problem and builds the arrays. O(areas × schools) for the distance matrix.
 * @throws ZoningInputError for duplicate ids, bad coordinates or counts, or no school of the stage
 */
export function prepareZoning(problem: ZoningProblem): PreparedZoning {
  const { stage } = problem;
  if (stage !== 'primary' && stage !== 'junior') {
    throw new ZoningInputError(`学段无效：${String(stage)}，应为 primary（小学）或 junior（初中）`);
  }
  const stageName = ZONING_STAGE_NAMES[stage];
  for (const [k, v] of Object.entries(problem.classSizeLimits ?? {})) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new ZoningInputError(
        `全县${k === 'junior' ? '初中' : '小学'}班额上限无效：${String(v)}，应为正整数`,
      );
    }
  }

  const areaIndex = new Map<string, number>();
  problem.areas.forEach((a, i) => {
    const where = `居住区 “${a.name ?? a.id}”（编号 ${a.id}）`;
    if (typeof a.id !== 'string' || a.id === '') throw new ZoningInputError(`第 ${i + 1} 个居住区缺少编号`);
    if (areaIndex.has(a.id)) throw new ZoningInputError(`居住区编号重复：${a.id}，每个小区/村的编号应唯一`);
    areaIndex.set(a.id, i);
    checkCoordinates(where, a.lon, a.lat);
    checkCount(where, `${stageName}预计入学人数`, a.entrants?.[stage]);
  });

  const schoolIds = new Set<string>();
  const schools: ZoningSchool[] = [];
  problem.schools.forEach((s, i) => {
    if (typeof s.id !== 'string' || s.id === '') throw new ZoningInputError(`第 ${i + 1} 所学校缺少编号`);
    if (schoolIds.has(s.id)) throw new ZoningInputError(`学校编号重复：${s.id}，每所学校的编号应唯一`);
    schoolIds.add(s.id);
    if (!s.stages.includes(stage)) return;
    const where = `学校 “${s.name ?? s.id}”（编号 ${s.id}）`;
    checkCoordinates(where, s.lon, s.lat);
    checkCount(where, `${stageName}起始年级班数`, s.classes[stage] ?? 0);
    const limit = classSizeLimitOf(s, stage, problem.classSizeLimits);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new ZoningInputError(`${where}的${stageName}班额上限无效：${String(limit)}，应为正整数`);
    }
    schools.push(s);
  });
  if (schools.length === 0) {
    throw new ZoningInputError(`没有招收${stageName}的学校：至少需要一所学段含 ${stage} 的学校才能划片`);
  }

  const A = problem.areas.length;
  const S = schools.length;
  const demand = Float64Array.from(problem.areas, (a) => a.entrants[stage]);
  const classes = Float64Array.from(schools, (s) => s.classes[stage] ?? 0);
  const classSizeLimit = Float64Array.from(schools, (s) =>
    classSizeLimitOf(s, stage, problem.classSizeLimits),
  );
  const capacity = classes.map((c, s) => c * classSizeLimit[s]!);
  const dist = new Float64Array(A * S);
  const nearest = new Int32Array(A);
  let maxDistKm = 0;
  for (let a = 0; a < A; a++) {
    const area = problem.areas[a]!;
    let best = 0;
    for (let s = 0; s < S; s++) {
      const d = greatCircleKm(area.lon, area.lat, schools[s]!.lon, schools[s]!.lat);
      dist[a * S + s] = d;
      if (d < dist[a * S + best]!) best = s;
      if (d > maxDistKm) maxDistKm = d;
    }
    nearest[a] = best;
  }
  return {
    stage,
    areas: problem.areas,
    schools,
    demand,
    classes,
    classSizeLimit,
    capacity,
    dist,
    nearest,
    maxDistKm,
    penaltyKm: overflowPenaltyKm(maxDistKm),
    areaIndex,
    schoolIndex: new Map(schools.map((s, i) => [s.id, i])),
  };
}

/**
 * Area id → school id map to a school index per area (−1 = unassigned).
 * @throws ZoningInputError for an unknown area, an unknown school, or a school not serving the stage
 */
export function assignmentToIndices(prep: PreparedZoning, assignment: ZoningAssignment): Int32Array {
  const out = new Int32Array(prep.areas.length).fill(-1);
  for (const [areaId, schoolId] of Object.entries(assignment)) {
    const a = prep.areaIndex.get(areaId);
    if (a === undefined) throw new ZoningInputError(`划片方案中的居住区编号 ${areaId} 不存在：请检查编号`);
    const s = prep.schoolIndex.get(schoolId);
    if (s === undefined) {
      throw new ZoningInputError(
        `居住区 “${prep.areas[a]!.name}” 划入的学校 ${schoolId} 不存在或不招收${ZONING_STAGE_NAMES[prep.stage]}：请改为招收该学段的学校`,
      );
    }
    out[a] = s;
  }
  return out;
}

/** School index per area (−1 = unassigned) to an area id → school id map. */
export function indicesToAssignment(prep: PreparedZoning, indices: Int32Array): Record<string, string> {
  const out: Record<string, string> = {};
  prep.areas.forEach((a, i) => {
    const s = indices[i]!;
    if (s >= 0) out[a.id] = prep.schools[s]!.id;
  });
  return out;
}

/** Demand per school under an assignment (unassigned areas count nowhere). */
export function schoolDemand(prep: PreparedZoning, indices: Int32Array): Float64Array {
  const load = new Float64Array(prep.schools.length);
  for (let a = 0; a < indices.length; a++) if (indices[a]! >= 0) load[indices[a]!] += prep.demand[a]!;
  return load;
}

/**
 * The objective every method minimises: Σ entrants × km + penaltyKm × Σ overflow. Unassigned areas
 * contribute nothing (callers assign every area).
 */
export function zoningObjective(prep: PreparedZoning, indices: Int32Array): number {
  const S = prep.schools.length;
  let km = 0;
  for (let a = 0; a < indices.length; a++) {
    const s = indices[a]!;
    if (s >= 0) km += prep.demand[a]! * prep.dist[a * S + s]!;
  }
  const load = schoolDemand(prep, indices);
  let overflow = 0;
  for (let s = 0; s < S; s++) overflow += Math.max(0, load[s]! - prep.capacity[s]!);
  return km + prep.penaltyKm * overflow;
}
