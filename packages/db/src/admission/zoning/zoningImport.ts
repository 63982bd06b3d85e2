/**
 * @module 划片 (zoning) import: replaces a county's residential areas of a plan year, and from a map
 * file the schools' coordinates and entry classes and the county map, all in one transaction once
 * zoningImportInput.ts found no problem in the file; audited with a summary of what was written.
 */
import type { Actor, Stage } from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';
import { checkCounty, notFound } from './zoningChecks.js';
import { upsertEntryClasses } from './zoningEntryClasses.js';
import { type CheckedArea, checkZoningImport, type ZoningImportInput } from './zoningImportInput.js';

export interface ZoningImportSummary {
  file: string;
  year: number;
  areas: number;
  /** Areas of the year that were replaced. */
  replaced: number;
  entrants: Record<Stage, number>;
  currentZones: Record<Stage, number>;
  schoolsLocated: number;
  entryClasses: number;
  mapRegions: number;
}

/**
 * Replaces the county's residential areas of a plan year (and, from a map file, the schools'
 * coordinates and entry classes, and the county map). Everything is checked first: with any
 * problem nothing is written and every problem is listed.
 * @throws AccessError notFound / notAllowed; invalidData with `details` = ZoningImportIssue[]
 */
export async function importZoningAreas(
  db: Database | Queryable,
  actor: Actor,
  input: ZoningImportInput,
  opts: { ip?: string | null } = {},
): Promise<ZoningImportSummary> {
  checkYear(input.year);
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, input.countyCode, 'import');
    if (input.schools && input.schools.length > 0) {
      requireAllowed(actor, 'edit', { kind: 'school', regionCode: input.countyCode }, notFound('该县的学校'));
    }
    const { rows, located, entryRows } = await checkZoningImport(tx, input);

    const by = await actingUser(tx, actor);
    const replaced = await replaceAreas(tx, input, rows, by.id);
    for (const s of located) {
      await sqlOf(tx)
        .updateTable('school')
        .set({ longitude: s.lon, latitude: s.lat, updated_at: sql<Date>`now()` })
        .where('id', '=', s.schoolId)
        .execute();
    }
    for (const e of entryRows) {
      await upsertEntryClasses(tx, input.year, e, by.id);
    }
    const mapRegions = await saveMap(tx, input, by.id);
    const summary: ZoningImportSummary = {
      file: input.file,
      year: input.year,
      areas: rows.length,
      replaced,
      entrants: {
        primary: rows.reduce((t, r) => t + r.a.entrants.primary, 0),
        junior: rows.reduce((t, r) => t + r.a.entrants.junior, 0),
      },
      currentZones: {
        primary: rows.filter((r) => r.current.primary !== null).length,
        junior: rows.filter((r) => r.current.junior !== null).length,
      },
      schoolsLocated: located.length,
      entryClasses: entryRows.length,
      mapRegions,
    };
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoning.importAreas',
      entity: 'residential_area',
      entityId: `${input.countyCode}/${input.year}`,
      after: summary,
      ip: opts.ip ?? null,
    });
    return summary;
  });
}

/** Deletes the year's areas and inserts the checked ones in file order. @returns how many were replaced */
async function replaceAreas(
  tx: Queryable,
  input: ZoningImportInput,
  rows: CheckedArea[],
  by: number,
): Promise<number> {
  const q = sqlOf(tx);
  const old = await q
    .selectFrom('residential_area')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('county_code', '=', input.countyCode)
    .where('year', '=', input.year)
    .executeTakeFirstOrThrow();
  await q
    .deleteFrom('residential_area')
    .where('county_code', '=', input.countyCode)
    .where('year', '=', input.year)
    .execute();
  // 200 rows of 14 parameters per statement: far below the protocol's limit of 65,535 parameters.
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    await q
      .insertInto('residential_area')
      .values(
        chunk.map(({ a, current }, i) => ({
          county_code: input.countyCode,
          year: input.year,
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

/** Replaces the county's map when the file brought polygons. @returns the number of polygons (0 without) */
async function saveMap(tx: Queryable, input: ZoningImportInput, by: number): Promise<number> {
  if (!input.regions) return 0;
  const features = (input.regions.featureCollection as { features?: unknown[] }).features;
  await sqlOf(tx)
    .insertInto('zoning_map')
    .values({
      county_code: input.countyCode,
      name: input.regions.name ?? null,
      regions: jsonb(input.regions.featureCollection),
      file: input.file.slice(0, 200),
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
