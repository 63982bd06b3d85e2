/**
 * @module 划片 (zoning) problem: core's ZoningProblem of a county, plan year and stage built from the
 * stored areas and schools, with the current zones of the stage and what had to be left out (schools
 * without coordinates, current zones naming them). The solver, the evaluation and a saved plan all
 * start from it.
 */
import type { Actor, ResidentialArea, Stage, ZoningProblem, ZoningSchool } from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import { checkYear } from '../../platform/queryKit.js';
import { checkCounty, checkStage } from './zoningChecks.js';
import { readAreas, readSchools, type ZoningAreaRow, type ZoningSchoolRow } from './zoningReads.js';

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

/** The problem of one stage from rows read by zoningReads.ts (no access check: callers made it). */
export function problemOf(
  stage: Stage,
  areas: ZoningAreaRow[],
  schools: ZoningSchoolRow[],
): ZoningProblemFromDb {
  const unlocated: ZoningProblemFromDb['unlocated'] = [];
  const zs: ZoningSchool[] = [];
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
    zs.push(school);
  }
  const inProblem = new Set(zs.map((s) => s.id));
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
  return { problem: { stage, areas: problemAreas, schools: zs }, current, unlocated, currentDropped };
}

/**
 * The zoning problem of a county, plan year and stage from the stored areas and schools, with the
 * current zones of the stage.
 * @throws AccessError notFound (no view), invalidData (bad stage or year)
 */
export async function buildZoningProblem(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
  stage: Stage,
): Promise<ZoningProblemFromDb> {
  checkYear(year);
  checkStage(stage);
  await checkCounty(db, actor, countyCode, 'view');
  return problemOf(stage, await readAreas(db, countyCode, year), await readSchools(db, countyCode, year));
}
