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
import { sql } from 'kysely';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
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
  const q = sqlOf(db);
  const rows = await q
    .selectFrom('school as s')
    .leftJoin('region as t', (join) =>
      join.onRef('t.code', '=', 's.region_code').on('t.level', '=', 'township'),
    )
    .select(['s.id', 's.name', 's.type', 't.name as township', 's.latitude', 's.longitude'])
    .where('s.county_code', '=', countyCode)
    .where('s.status', '=', 'open')
    .where('s.type', 'not in', NOT_ZONED)
    .orderBy('s.id')
    .execute();
  const set = await q
    .selectFrom('zoning_entry_classes as e')
    .innerJoin('school as s', 's.id', 'e.school_id')
    .select(['e.school_id', 'e.stage', 'e.classes', 'e.class_size_limit'])
    .where('s.county_code', '=', countyCode)
    .where('e.year', '=', year)
    .execute();
  // 班级数 of each school's stage from its latest report up to the year that has a number there.
  const reports = await q
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .distinctOn(['r.school_id', 'r.stage'])
    .select(['r.school_id', 'r.stage', 'r.year'])
    .select(sql<string>`(${sql.ref('r.data')}->>'classes')::numeric`.as('classes'))
    .where('s.county_code', '=', countyCode)
    .where('r.year', '<=', year)
    .where(sql<string>`jsonb_typeof(${sql.ref('r.data')}->'classes')`, '=', 'number')
    .orderBy('r.school_id')
    .orderBy('r.stage')
    .orderBy('r.year', 'desc')
    .execute();
  const key = (id: string, stage: string) => `${id}/${stage}`;
  const stored = new Map(set.map((r) => [key(r.school_id, r.stage), r]));
  const reported = new Map(reports.map((r) => [key(r.school_id, r.stage), r]));
  return rows.map((s) => {
    // The schema's CHECK on school.type admits exactly core's SchoolType.
    const type = s.type as SchoolType;
    const stages = zoningStagesOf(type);
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
      type,
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
  const rows = await sqlOf(db)
    .selectFrom('residential_area')
    .select([
      'id',
      'name',
      'kind',
      'township',
      'longitude',
      'latitude',
      'primary_entrants',
      'junior_entrants',
      'current_primary_school_id',
      'current_junior_school_id',
    ])
    .where('county_code', '=', countyCode)
    .where('year', '=', year)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    // The schema's CHECK on residential_area.kind admits exactly core's AreaKind.
    kind: r.kind as AreaKind,
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
  const r = await sqlOf(db)
    .selectFrom('zoning_map')
    .select(['name', 'regions', 'file', 'updated_at'])
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  if (!r) return null;
  // regions is the FeatureCollection zoningImport.ts (saveMap) writes; the schema checks it is an object.
  return {
    name: r.name,
    regions: r.regions as Record<string, unknown>,
    file: r.file,
    updatedAt: r.updated_at,
  };
}
