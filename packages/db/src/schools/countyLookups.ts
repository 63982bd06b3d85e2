/**
 * @module Small reads of counties, schools and school years that the server needs to place a user
 * or a request (which county, its name, the years known, the schools' names). SQL only: the
 * callers decide what a user may see.
 */
import type { SchoolType } from '@junheng/core';
import type { Queryable } from '../platform/database.js';

/** A county: its code and name. */
export interface CountyRef {
  code: string;
  name: string;
}

/** The county a user works in: their school's county, else the county of their region code. */
export async function countyOfUser(
  db: Queryable,
  regionCode: string | null,
  schoolId: string | null,
): Promise<CountyRef | null> {
  const { rows } = await db.query<CountyRef>(
    `SELECT r.code, r.name FROM region r
      WHERE r.level = 'county'
        AND r.code = COALESCE((SELECT county_code FROM school WHERE id = $2), left($1, 6))`,
    [regionCode ?? '', schoolId],
  );
  return rows[0] ?? null;
}

/**
 * Counties that have schools, in code order.
 * @param codePrefix only counties whose code starts with it ('' = all)
 */
export async function countiesWithSchools(db: Queryable, codePrefix: string): Promise<CountyRef[]> {
  const { rows } = await db.query<CountyRef>(
    `SELECT r.code, r.name FROM region r
      WHERE r.level = 'county' AND starts_with(r.code, $1)
        AND EXISTS (SELECT 1 FROM school s WHERE s.county_code = r.code)
      ORDER BY r.code`,
    [codePrefix],
  );
  return rows;
}

/**
 * The county code of the first county with schools (in code order).
 * @param codePrefix only counties whose code starts with it ('' = all)
 */
export async function firstCountyWithSchools(db: Queryable, codePrefix = ''): Promise<string | undefined> {
  const { rows } = await db.query<{ county_code: string }>(
    `SELECT county_code FROM school WHERE starts_with(county_code, $1) ORDER BY county_code LIMIT 1`,
    [codePrefix],
  );
  return rows[0]?.county_code;
}

/** The county code of a school, or undefined when there is no such school. */
export async function countyCodeOfSchool(db: Queryable, schoolId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ county_code: string }>('SELECT county_code FROM school WHERE id = $1', [
    schoolId,
  ]);
  return rows[0]?.county_code;
}

/** A county by its code (null when the code is not a county of the catalogue). */
export async function countyByCode(db: Queryable, code: string): Promise<CountyRef | null> {
  const { rows } = await db.query<CountyRef>(
    `SELECT code, name FROM region WHERE code = $1 AND level = 'county'`,
    [code],
  );
  return rows[0] ?? null;
}

/** The school years the database knows (start years, in no order). */
export async function knownSchoolYears(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ start_year: number }>('SELECT start_year FROM school_year');
  return rows.map((r) => r.start_year);
}

/** Schools by id with their name and region (the caller filters by what the user may see). */
export async function schoolsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; name: string; regionCode: string }[]> {
  const { rows } = await db.query<{ id: string; name: string; region_code: string }>(
    'SELECT id, name, region_code FROM school WHERE id = ANY($1::text[])',
    [ids],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code }));
}

/** Names of a user's region and school, and the school's region (null where there is none). */
export async function placeOfUser(
  db: Queryable,
  regionCode: string | null,
  schoolId: string | null,
): Promise<{ regionName: string | null; schoolName: string | null; schoolRegion: string | null }> {
  const { rows } = await db.query<{
    region_name: string | null;
    school_name: string | null;
    school_region: string | null;
  }>(
    `SELECT (SELECT name FROM region WHERE code = $1) AS region_name,
            s.name AS school_name, s.region_code AS school_region
       FROM (SELECT 1) one LEFT JOIN school s ON s.id = $2`,
    [regionCode, schoolId],
  );
  const r = rows[0];
  return {
    regionName: r?.region_name ?? null,
    schoolName: r?.school_name ?? null,
    schoolRegion: r?.school_region ?? null,
  };
}

/** The name of a region of the catalogue (null when the code is not in it). */
export async function regionName(db: Queryable, code: string): Promise<string | null> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM region WHERE code = $1', [code]);
  return rows[0]?.name ?? null;
}

/** A school's type, region and county (null when there is no such school). */
export async function schoolPlace(
  db: Queryable,
  schoolId: string,
): Promise<{ type: SchoolType; regionCode: string; countyCode: string } | null> {
  const { rows } = await db.query<{ type: SchoolType; region_code: string; county_code: string }>(
    'SELECT type, region_code, county_code FROM school WHERE id = $1',
    [schoolId],
  );
  const r = rows[0];
  return r ? { type: r.type, regionCode: r.region_code, countyCode: r.county_code } : null;
}
