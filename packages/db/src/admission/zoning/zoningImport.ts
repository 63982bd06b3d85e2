/**
 * @module 划片 (zoning) import: replaces a county's residential areas of a plan year, and from a map
 * file the schools' coordinates and entry classes and the county map, all in one transaction once
 * zoningImportInput.ts found no problem in the file; audited with a summary of what was written.
 */
import type { Actor, Stage } from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
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
      await tx.query('UPDATE school SET longitude = $2, latitude = $3, updated_at = now() WHERE id = $1', [
        s.schoolId,
        s.lon,
        s.lat,
      ]);
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
  const old = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM residential_area WHERE county_code = $1 AND year = $2',
    [input.countyCode, input.year],
  );
  await tx.query('DELETE FROM residential_area WHERE county_code = $1 AND year = $2', [
    input.countyCode,
    input.year,
  ]);
  // 200 rows of 14 parameters per statement: far below the protocol's limit of 65,535 parameters.
  const COLS = 14;
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    const params: unknown[] = [];
    const values = chunk.map(({ a, current }, i) => {
      params.push(
        input.countyCode,
        input.year,
        a.id,
        a.name,
        a.kind,
        a.township?.trim() || null,
        a.lon,
        a.lat,
        a.entrants.primary,
        a.entrants.junior,
        current.primary,
        current.junior,
        start + i,
        by,
      );
      const b = i * COLS;
      return `(${Array.from({ length: COLS }, (_, k) => `$${b + k + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO residential_area (county_code, year, id, name, kind, township, longitude, latitude,
          primary_entrants, junior_entrants, current_primary_school_id, current_junior_school_id, position, updated_by)
       VALUES ${values.join(', ')}`,
      params,
    );
  }
  return old.rows[0]!.n;
}

/** Replaces the county's map when the file brought polygons. @returns the number of polygons (0 without) */
async function saveMap(tx: Queryable, input: ZoningImportInput, by: number): Promise<number> {
  if (!input.regions) return 0;
  const features = (input.regions.featureCollection as { features?: unknown[] }).features;
  await tx.query(
    `INSERT INTO zoning_map (county_code, name, regions, file, updated_by) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (county_code) DO UPDATE SET name = EXCLUDED.name, regions = EXCLUDED.regions,
       file = EXCLUDED.file, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [
      input.countyCode,
      input.regions.name ?? null,
      jsonb(input.regions.featureCollection),
      input.file.slice(0, 200),
      by,
    ],
  );
  return Array.isArray(features) ? features.length : 0;
}
