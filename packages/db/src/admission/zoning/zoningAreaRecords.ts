/**
 * @module 划片 (zoning) writes of an area import and of the bureau's entry classes: a plan year's
 * residential areas replaced in file order, schools' coordinates, entry classes (the latest write
 * wins), and the county map. Repositories only: the server command checks the file first
 * (core checkZoningImport) and records the change.
 */
import type { CheckedZoningArea, EntryClassesInput } from '@junheng/core';
import { sql } from 'kysely';
import { jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';

/**
 * Deletes the county's areas of the year and inserts the checked ones in file order.
 * @returns how many were replaced
 */
export async function replaceZoningAreas(
  tx: Queryable,
  place: { countyCode: string; year: number },
  rows: readonly CheckedZoningArea[],
  by: number,
): Promise<number> {
  const q = sqlOf(tx);
  const old = await q
    .selectFrom('residential_area')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('county_code', '=', place.countyCode)
    .where('year', '=', place.year)
    .executeTakeFirstOrThrow();
  await q
    .deleteFrom('residential_area')
    .where('county_code', '=', place.countyCode)
    .where('year', '=', place.year)
    .execute();
  // 200 rows of 14 parameters per statement: far below the protocol's limit of 65,535 parameters.
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    await q
      .insertInto('residential_area')
      .values(
        chunk.map(({ a, current }, i) => ({
          county_code: place.countyCode,
          year: place.year,
          id: a.id,
          name: a.name,
          kind: a.kind,
          township: a.township?.trim() || null,
          longitude: a.lon,
          latitude: a.lat,
          primary_entrants: a.entrants.primary,
          junior_entrants: a.entrants.junior,
          current_primary_school_id: current.primary,
          current_junior_school_id: current.junior,
          position: start + i,
          updated_by: by,
        })),
      )
      .execute();
  }
  return old.n;
}

/** Sets a school's coordinates (from a map file). */
export async function setSchoolCoordinates(
  tx: Queryable,
  school: { schoolId: string; lon: number; lat: number },
): Promise<void> {
  await sqlOf(tx)
    .updateTable('school')
    .set({ longitude: school.lon, latitude: school.lat, updated_at: sql<Date>`now()` })
    .where('id', '=', school.schoolId)
    .execute();
}

/** Writes one school's entry classes of a year (the latest write wins, as the bureau's figure). */
export async function upsertEntryClasses(
  tx: Queryable,
  year: number,
  it: EntryClassesInput,
  by: number,
): Promise<void> {
  await sqlOf(tx)
    .insertInto('zoning_entry_classes')
    .values({
      school_id: it.schoolId,
      year,
      stage: it.stage,
      classes: it.classes,
      class_size_limit: it.classSizeLimit ?? null,
      updated_by: by,
    })
    .onConflict((oc) =>
      oc.columns(['school_id', 'year', 'stage']).doUpdateSet((eb) => ({
        classes: eb.ref('excluded.classes'),
        class_size_limit: eb.ref('excluded.class_size_limit'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/**
 * Replaces the county's map with a file's polygons.
 * @returns the number of polygons
 */
export async function saveZoningMap(
  tx: Queryable,
  map: {
    countyCode: string;
    file: string;
    name?: string | null;
    featureCollection: Record<string, unknown>;
  },
  by: number,
): Promise<number> {
  const features = (map.featureCollection as { features?: unknown[] }).features;
  await sqlOf(tx)
    .insertInto('zoning_map')
    .values({
      county_code: map.countyCode,
      name: map.name ?? null,
      regions: jsonb(map.featureCollection),
      file: map.file.slice(0, 200),
      updated_by: by,
    })
    .onConflict((oc) =>
      oc.column('county_code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        regions: eb.ref('excluded.regions'),
        file: eb.ref('excluded.file'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
  return Array.isArray(features) ? features.length : 0;
}
