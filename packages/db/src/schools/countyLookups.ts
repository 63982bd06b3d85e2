/**
 * @module Small reads of counties, schools and school years that the server needs to place a user
 * or a request (which county, its name, the years known, the schools' names). SQL only: the
 * callers decide what a user may see.
 */
import type { SchoolType } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

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
  const row = await sqlOf(db)
    .selectFrom('region as r')
    .select(['r.code', 'r.name'])
    .where('r.level', '=', 'county')
    .where('r.code', '=', (eb) =>
      eb.fn.coalesce(
        eb.selectFrom('school').select('county_code').where('id', '=', eb.val(schoolId)),
        eb.fn<string>('left', [eb.val(regionCode ?? ''), eb.lit(6)]),
      ),
    )
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Counties that have schools, in code order.
 * @param codePrefix only counties whose code starts with it ('' = all)
 */
export async function countiesWithSchools(db: Queryable, codePrefix: string): Promise<CountyRef[]> {
  return sqlOf(db)
    .selectFrom('region as r')
    .select(['r.code', 'r.name'])
    .where('r.level', '=', 'county')
    .where((eb) => eb.fn<boolean>('starts_with', ['r.code', eb.val(codePrefix)]))
    .where((eb) =>
      eb.exists(eb.selectFrom('school as s').select('s.id').whereRef('s.county_code', '=', 'r.code')),
    )
    .orderBy('r.code')
    .execute();
}

/**
 * The county code of the first county with schools (in code order).
 * @param codePrefix only counties whose code starts with it ('' = all)
 */
export async function firstCountyWithSchools(db: Queryable, codePrefix = ''): Promise<string | undefined> {
  const row = await sqlOf(db)
    .selectFrom('school')
    .select('county_code')
    .where((eb) => eb.fn<boolean>('starts_with', ['county_code', eb.val(codePrefix)]))
    .orderBy('county_code')
    .limit(1)
    .executeTakeFirst();
  return row?.county_code;
}

/** The county code of a school, or undefined when there is no such school. */
export async function countyCodeOfSchool(db: Queryable, schoolId: string): Promise<string | undefined> {
  const row = await sqlOf(db)
    .selectFrom('school')
    .select('county_code')
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return row?.county_code;
}

/** A county by its code (null when the code is not a county of the catalogue). */
export async function countyByCode(db: Queryable, code: string): Promise<CountyRef | null> {
  const row = await sqlOf(db)
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', '=', code)
    .where('level', '=', 'county')
    .executeTakeFirst();
  return row ?? null;
}

/** The school years the database knows (start years, in no order). */
export async function knownSchoolYears(db: Queryable): Promise<number[]> {
  const rows = await sqlOf(db).selectFrom('school_year').select('start_year').execute();
  return rows.map((r) => r.start_year);
}

/** Schools by id with their name and region (the caller filters by what the user may see). */
export async function schoolsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; name: string; regionCode: string }[]> {
  const rows = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'region_code'])
    .where('id', '=', (eb) => eb.fn.any(sql<string[]>`${ids}::text[]`))
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code }));
}

/** Names of a user's region and school, and the school's region (null where there is none). */
export async function placeOfUser(
  db: Queryable,
  regionCode: string | null,
  schoolId: string | null,
): Promise<{ regionName: string | null; schoolName: string | null; schoolRegion: string | null }> {
  const r = await sqlOf(db)
    .selectNoFrom((eb) => [
      eb.selectFrom('region').select('name').where('code', '=', eb.val(regionCode)).as('region_name'),
      eb.selectFrom('school').select('name').where('id', '=', eb.val(schoolId)).as('school_name'),
      eb.selectFrom('school').select('region_code').where('id', '=', eb.val(schoolId)).as('school_region'),
    ])
    .executeTakeFirst();
  return {
    regionName: r?.region_name ?? null,
    schoolName: r?.school_name ?? null,
    schoolRegion: r?.school_region ?? null,
  };
}

/** The name of a region of the catalogue (null when the code is not in it). */
export async function regionName(db: Queryable, code: string): Promise<string | null> {
  const row = await sqlOf(db).selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name ?? null;
}

/** A school's type, region and county (null when there is no such school). */
export async function schoolPlace(
  db: Queryable,
  schoolId: string,
): Promise<{ type: SchoolType; regionCode: string; countyCode: string } | null> {
  const r = await sqlOf(db)
    .selectFrom('school')
    .select(['type', 'region_code', 'county_code'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
  // The schema's CHECK admits exactly core's school types.
  return r ? { type: r.type as SchoolType, regionCode: r.region_code, countyCode: r.county_code } : null;
}
