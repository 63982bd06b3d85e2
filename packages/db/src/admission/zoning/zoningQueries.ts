/**
 * @module 划片 (zoning) reads: the county, its schools as zoning sees them (the register's facts,
 * the bureau's entry classes of a plan year and the reports' 班级数 to estimate them from), its
 * residential areas of a plan year, its map, and the schools an import resolves names against.
 * Repositories only: who may read is the server command's decision.
 */
import type { AreaKind, SchoolType, Stage, ZoningCountySchool, ZoningSchoolFacts } from '@junheng/core';
import { NOT_ZONED_TYPES } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';

/** A residential area (小区/村) of a plan year as stored, with its current zones per stage. */
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

/** The county of a code (level county), or undefined. */
export async function findZoningCounty(
  db: Queryable,
  countyCode: string,
): Promise<{ code: string; name: string } | undefined> {
  return sqlOf(db)
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', '=', countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
}

/**
 * The county's open schools of zoned types (core NOT_ZONED_TYPES left out) with their township and
 * coordinates, the bureau's entry classes of the year, and each school stage's 班级数 from its
 * latest report up to the year that has a number there (core zoningSchoolRows combines them).
 */
export async function readZoningSchoolFacts(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<ZoningSchoolFacts> {
  const q = sqlOf(db);
  const rows = await q
    .selectFrom('school as s')
    .leftJoin('region as t', (join) =>
      join.onRef('t.code', '=', 's.region_code').on('t.level', '=', 'township'),
    )
    .select(['s.id', 's.name', 's.type', 't.name as township', 's.latitude', 's.longitude'])
    .where('s.county_code', '=', countyCode)
    .where('s.status', '=', 'open')
    .where('s.type', 'not in', NOT_ZONED_TYPES)
    .orderBy('s.id')
    .execute();
  const stored = await q
    .selectFrom('zoning_entry_classes as e')
    .innerJoin('school as s', 's.id', 'e.school_id')
    .select(['e.school_id', 'e.stage', 'e.classes', 'e.class_size_limit'])
    .where('s.county_code', '=', countyCode)
    .where('e.year', '=', year)
    .execute();
  const reported = await q
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
  return {
    schools: rows.map((s) => ({
      schoolId: s.id,
      name: s.name,
      // The schema's CHECK on school.type admits exactly core's SchoolType.
      type: s.type as SchoolType,
      township: s.township,
      lon: s.longitude,
      lat: s.latitude,
    })),
    stored: stored.map((r) => ({
      schoolId: r.school_id,
      stage: r.stage,
      classes: r.classes,
      classSizeLimit: r.class_size_limit,
    })),
    reported: reported.map((r) => ({
      schoolId: r.school_id,
      stage: r.stage,
      year: r.year,
      classes: Number(r.classes),
    })),
  };
}

/** The county's areas of a plan year in file order. */
export async function readZoningAreas(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<ZoningAreaRow[]> {
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

/** The county's map (township polygons), null when none was imported. */
export async function readZoningMap(db: Queryable, countyCode: string): Promise<CountyZoningMap | null> {
  const r = await sqlOf(db)
    .selectFrom('zoning_map')
    .select(['name', 'regions', 'file', 'updated_at'])
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  if (!r) return null;
  // regions is the FeatureCollection zoningAreaRecords.ts (saveZoningMap) writes; the schema checks
  // it is an object.
  return {
    name: r.name,
    regions: r.regions as Record<string, unknown>,
    file: r.file,
    updatedAt: r.updated_at,
  };
}

/** The county's schools of every status, which an import resolves names and codes against. */
export async function readZoningCountySchools(
  db: Queryable,
  countyCode: string,
): Promise<ZoningCountySchool[]> {
  const rows = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'type', 'status'])
    .where('county_code', '=', countyCode)
    .execute();
  // The schema's CHECK on school.type admits exactly core's SchoolType.
  return rows.map((s) => ({ ...s, type: s.type as SchoolType }));
}

/** The register's address of each school of the county (trimmed; null when none). */
export async function readSchoolAddresses(
  db: Queryable,
  countyCode: string,
): Promise<Map<string, string | null>> {
  const rows = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'address'])
    .where('county_code', '=', countyCode)
    .execute();
  return new Map(rows.map((r) => [r.id, r.address?.trim() || null]));
}
