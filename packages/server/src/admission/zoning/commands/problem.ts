/**
 * @module 划片 (zoning) problem: core's ZoningProblem of a county, plan year and stage built from the
 * stored areas and schools, with the current zones of the stage and what had to be left out (schools
 * without coordinates, current zones naming them). The solver, the evaluation and a saved plan all
 * start from it. No access check here: the commands make it.
 */
import {
  type ResidentialArea,
  type Stage,
  type ZoningProblem,
  type ZoningSchool,
  type ZoningSchoolRow,
  zoningSchoolRows,
} from '@junheng/core';
import { type Queryable, readZoningAreas, readZoningSchoolFacts, type ZoningAreaRow } from '@junheng/db';

/** The problem of a county, year and stage as stored now. */
export interface ZoningProblemFromDb {
  problem: ZoningProblem;
  /** Current zones of the stage (area id → school id), only schools in the problem. */
  current: Record<string, string>;
  /** Schools of the stage left out for lack of coordinates. */
  unlocated: { schoolId: string; name: string }[];
  /** Current zones naming a school that is not in the problem (no coordinates, closed). */
  currentDropped: { areaId: string; schoolId: string }[];
}

/** The county's zoned schools with their entry classes (set or estimated) of the year. */
export async function readZoningSchools(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<ZoningSchoolRow[]> {
  return zoningSchoolRows(await readZoningSchoolFacts(db, countyCode, year));
}

/** The schools of one stage in the problem's shape; those without coordinates are listed apart. */
function problemSchools(stage: Stage, schools: readonly ZoningSchoolRow[]) {
  const unlocated: ZoningProblemFromDb['unlocated'] = [];
  const located: ZoningSchool[] = [];
  for (const s of schools) {
    if (!s.stages.includes(stage)) continue;
    if (s.lon === null || s.lat === null) {
      unlocated.push({ schoolId: s.schoolId, name: s.name });
      continue;
    }
    const school: ZoningSchool = {
      id: s.schoolId,
      name: s.name,
      lon: s.lon,
      lat: s.lat,
      stages: s.stages,
      classes: {},
    };
    const limits: Partial<Record<Stage, number>> = {};
    for (const st of s.stages) {
      const e = s.entry[st]!;
      school.classes[st] = e.classes;
      if (e.classSizeOverride !== null) limits[st] = e.classSizeOverride;
    }
    if (Object.keys(limits).length > 0) school.classSizeLimit = limits;
    located.push(school);
  }
  return { located, unlocated };
}

/** The problem of one stage from the stored areas and schools. */
export function problemOf(
  stage: Stage,
  areas: readonly ZoningAreaRow[],
  schools: readonly ZoningSchoolRow[],
): ZoningProblemFromDb {
  const { located, unlocated } = problemSchools(stage, schools);
  const inProblem = new Set(located.map((s) => s.id));
  const current: Record<string, string> = {};
  const currentDropped: ZoningProblemFromDb['currentDropped'] = [];
  const problemAreas: ResidentialArea[] = areas.map((a) => {
    const c = a.current[stage];
    if (c !== null) {
      if (inProblem.has(c)) current[a.id] = c;
      else currentDropped.push({ areaId: a.id, schoolId: c });
    }
    const area: ResidentialArea = {
      id: a.id,
      name: a.name,
      kind: a.kind,
      lon: a.lon,
      lat: a.lat,
      entrants: a.entrants,
    };
    if (a.township !== null) area.township = a.township;
    return area;
  });
  return { problem: { stage, areas: problemAreas, schools: located }, current, unlocated, currentDropped };
}

/** The problem of a county, plan year and stage as stored now (no access check). */
export async function readZoningProblem(
  db: Queryable,
  countyCode: string,
  year: number,
  stage: Stage,
): Promise<ZoningProblemFromDb> {
  return problemOf(
    stage,
    await readZoningAreas(db, countyCode, year),
    await readZoningSchools(db, countyCode, year),
  );
}
