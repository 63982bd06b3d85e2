/**
 * @module 划片 (zoning) reading: the county's schools as zoning sees them (stages, coordinates, entry
 * classes set by the bureau or estimated from the reports, capacity), its residential areas of a plan
 * year, and its map. Kept apart from the commands so that the problem, the plans and the import read
 * the same rows.
 */
import {
  type Actor,
  type AreaKind,
  CLASS_SIZE_LIMITS,
  type SchoolType,
  STAGES_OF_TYPE,
  type Stage,
} from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import { checkYear } from '../../platform/queryKit.js';
import { checkCounty } from './zoningChecks.js';

/** Entry classes of one school and stage, as the zoning page shows them. */
export interface EntryClasses {
  classes: number;
  /** The limit in force (school override, else 45 / 50). */
  classSizeLimit: number;
  /** The school's own limit, null = national. */
  classSizeOverride: number | null;
  capacity: number;
  /** True when estimated from the report (no figure set by the bureau). */
  estimated: boolean;
  /** 班级数 of the stage in the report used for the estimate, and its year. */
  reportClasses: number | null;
  reportYear: number | null;
}

export interface ZoningSchoolRow {
  schoolId: string;
  name: string;
  type: SchoolType;
  township: string | null;
  lon: number | null;
  lat: number | null;
  /** Stages it takes zoned entrants for. */
  stages: Stage[];
  entry: Partial<Record<Stage, EntryClasses>>;
}

export interface ZoningAreaRow {
  id: string;
  name: string;
  kind: AreaKind;
  township: string | null;
  lon: number;
  lat: number;
  entrants: Record<Stage, number>;
  current: Record<Stage, string | null>;
}

export interface CountyZoningMap {
  name: string | null;
  /** GeoJSON FeatureCollection of township / zone polygons. */
  regions: Record<string, unknown>;
  file: string | null;
  updatedAt: Date;
}

/** Grades per stage: entry classes are estimated as 班级数 ÷ grades. */
export const ZONING_GRADES: Readonly<Record<Stage, number>> = { primary: 6, junior: 3 };
/** School types that take no zoned entrants. */
const NOT_ZONED: readonly SchoolType[] = ['special', 'vocational'];

/** Stages a school type takes zoned entrants for. */
export function zoningStagesOf(type: SchoolType): Stage[] {
  return NOT_ZONED.includes(type) ? [] : [...STAGES_OF_TYPE[type]];
}

/** The county's zoned schools with their entry classes of the year (no access check: callers made it). */
export async function readSchools(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<ZoningSchoolRow[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    type: SchoolType;
    township: string | null;
    latitude: number | null;
    longitude: number | null;
  }>(
    `SELECT s.id, s.name, s.type, t.name AS township, s.latitude, s.longitude
       FROM school s LEFT JOIN region t ON t.code = s.region_code AND t.level = 'township'
      WHERE s.county_code = $1 AND s.status = 'open' AND s.type <> ALL($2::text[])
      ORDER BY s.id`,
    [countyCode, NOT_ZONED],
  );
  const set = await db.query<{
    school_id: string;
    stage: Stage;
    classes: number;
    class_size_limit: number | null;
  }>(
    `SELECT e.school_id, e.stage, e.classes, e.class_size_limit
       FROM zoning_entry_classes e JOIN school s ON s.id = e.school_id
      WHERE s.county_code = $1 AND e.year = $2`,
    [countyCode, year],
  );
  const reports = await db.query<{ school_id: string; stage: Stage; year: number; classes: string | number }>(
    `SELECT DISTINCT ON (r.school_id, r.stage) r.school_id, r.stage, r.year, (r.data->>'classes')::numeric AS classes
       FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE s.county_code = $1 AND r.year <= $2 AND jsonb_typeof(r.data->'classes') = 'number'
      ORDER BY r.school_id, r.stage, r.year DESC`,
    [countyCode, year],
  );
  const key = (id: string, stage: Stage) => `${id}/${stage}`;
  const stored = new Map(set.rows.map((r) => [key(r.school_id, r.stage), r]));
  const reported = new Map(reports.rows.map((r) => [key(r.school_id, r.stage), r]));
  return rows.map((s) => {
    const stages = zoningStagesOf(s.type);
    const entry: Partial<Record<Stage, EntryClasses>> = {};
    for (const stage of stages) {
      const own = stored.get(key(s.id, stage));
      const rep = reported.get(key(s.id, stage));
      const reportClasses = rep ? Number(rep.classes) : null;
      const estimate =
        reportClasses !== null && reportClasses > 0
          ? Math.max(1, Math.round(reportClasses / ZONING_GRADES[stage]))
          : 0;
      const classes = own ? own.classes : estimate;
      const override = own?.class_size_limit ?? null;
      const limit = override ?? CLASS_SIZE_LIMITS[stage].limit;
      entry[stage] = {
        classes,
        classSizeLimit: limit,
        classSizeOverride: override,
        capacity: classes * limit,
        estimated: !own,
        reportClasses,
        reportYear: rep?.year ?? null,
      };
    }
    return {
      schoolId: s.id,
      name: s.name,
      type: s.type,
      township: s.township,
      lon: s.longitude,
      lat: s.latitude,
      stages,
      entry,
    };
  });
}

/** The county's areas of a plan year in file order (no access check: callers made it). */
export async function readAreas(db: Queryable, countyCode: string, year: number): Promise<ZoningAreaRow[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    kind: AreaKind;
    township: string | null;
    longitude: number;
    latitude: number;
    primary_entrants: number;
    junior_entrants: number;
    current_primary_school_id: string | null;
    current_junior_school_id: string | null;
  }>(
    `SELECT id, name, kind, township, longitude, latitude, primary_entrants, junior_entrants,
            current_primary_school_id, current_junior_school_id
       FROM residential_area WHERE county_code = $1 AND year = $2 ORDER BY position, id`,
    [countyCode, year],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    township: r.township,
    lon: r.longitude,
    lat: r.latitude,
    entrants: { primary: r.primary_entrants, junior: r.junior_entrants },
    current: { primary: r.current_primary_school_id, junior: r.current_junior_school_id },
  }));
}

/**
 * The schools of the county as zoning sees them: coordinates, stages, entry classes (set or
 * estimated) and capacity per stage.
 * @throws AccessError notFound when the actor may not view the county's admission plans
 */
export async function zoningSchools(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<ZoningSchoolRow[]> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  return readSchools(db, countyCode, year);
}

/** The county's residential areas of a plan year, in file order. @throws AccessError notFound */
export async function listZoningAreas(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<ZoningAreaRow[]> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  return readAreas(db, countyCode, year);
}

/** The county's map (township polygons), null when none was imported. @throws AccessError notFound */
export async function getZoningMap(
  db: Queryable,
  actor: Actor,
  countyCode: string,
): Promise<CountyZoningMap | null> {
  await checkCounty(db, actor, countyCode, 'view');
  const { rows } = await db.query<{
    name: string | null;
    regions: Record<string, unknown>;
    file: string | null;
    updated_at: Date;
  }>('SELECT name, regions, file, updated_at FROM zoning_map WHERE county_code = $1', [countyCode]);
  const r = rows[0];
  return r ? { name: r.name, regions: r.regions, file: r.file, updatedAt: r.updated_at } : null;
}
